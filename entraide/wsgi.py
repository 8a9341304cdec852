import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "entraide.settings")
application = get_wsgi_application()

# Load the triage model now, once per process, rather than on a person's first request; a model
# that cannot load is logged in one line and the lexicon reads alone.
from triage import model  # noqa: E402

model.load()
