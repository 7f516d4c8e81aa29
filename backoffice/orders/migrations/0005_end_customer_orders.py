# A11: end-customer orders carry their distributor and the distributor's own prices.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0005_self_service'),
        ('orders', '0004_checkout_methods'),
    ]

    operations = [
        migrations.AddField(
            model_name='order',
            name='distributor',
            field=models.ForeignKey(blank=True, help_text='Set when an end customer of this distributor placed the order.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='end_customer_orders', to='accounts.company', verbose_name='distributor'),
        ),
        migrations.AddField(
            model_name='order',
            name='distributor_gross',
            field=models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True, verbose_name="gross at the distributor's prices"),
        ),
        migrations.AddField(
            model_name='order',
            name='distributor_net',
            field=models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True, verbose_name="net at the distributor's prices"),
        ),
        migrations.AddField(
            model_name='order',
            name='distributor_order_discount',
            field=models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True, verbose_name="distributor's order discount"),
        ),
        migrations.AddField(
            model_name='order',
            name='distributor_order_discount_percent',
            field=models.DecimalField(blank=True, decimal_places=2, max_digits=5, null=True, verbose_name="distributor's order discount (percent)"),
        ),
        migrations.AddField(
            model_name='order',
            name='distributor_vat',
            field=models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True, verbose_name="VAT at the distributor's prices"),
        ),
        migrations.AddField(
            model_name='orderline',
            name='distributor_line_net',
            field=models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True, verbose_name="net at the distributor's price"),
        ),
        migrations.AddField(
            model_name='orderline',
            name='distributor_unit_net',
            field=models.DecimalField(blank=True, decimal_places=4, max_digits=14, null=True, verbose_name="distributor's unit price (net)"),
        ),
    ]
