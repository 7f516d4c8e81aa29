"""R01: checks an acting session on every request (filled in by the acting-as work)."""


class ActingSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)
