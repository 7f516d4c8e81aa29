"""R01: checks an acting session on every request (the acting-as work fills this in)."""


class ActingSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.acting = None
        return self.get_response(request)
