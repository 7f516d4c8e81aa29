"""Admin registrations for third-party models shown in the back office (unfold-styled)."""
from django.contrib import admin
from django.contrib.auth.models import Group
from django_q import models as q_models
from django_q.admin import FailAdmin, QueueAdmin, ScheduleAdmin
from taggit.models import Tag
from unfold.admin import ModelAdmin
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

# Images, documents and tags are managed in the CMS (/cms/), groups follow from roles.
for model in (q_models.Schedule, q_models.Failure, q_models.Success, q_models.OrmQ, Group, Tag, get_image_model(), get_document_model()):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


@admin.register(q_models.Schedule)
class PlatformScheduleAdmin(ScheduleAdmin, ModelAdmin):
    pass


@admin.register(q_models.Failure)
class PlatformFailureAdmin(FailAdmin, ModelAdmin):
    pass


@admin.register(q_models.OrmQ)
class PlatformQueueAdmin(QueueAdmin, ModelAdmin):
    pass
