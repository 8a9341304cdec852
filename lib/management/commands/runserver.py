"""`manage.py runserver`, what `make run` starts, with room for a burst of people.

Django's development server lets 10 connections wait to be accepted; past that the system
refuses them (the browser shows a reset connection), so forty people sending the request form
at the same moment would not all get their words. This one lets 1,024 wait. whitenoise's
runserver (static files left to WhiteNoise) wraps this one: "lib" comes right after it in
INSTALLED_APPS, before django.contrib.staticfiles, whose command this one extends.
"""

from django.contrib.staticfiles.management.commands.runserver import Command as StaticRunserver
from django.core.servers.basehttp import WSGIServer


class RoomyWSGIServer(WSGIServer):
    request_queue_size = 1024


class Command(StaticRunserver):
    server_cls = RoomyWSGIServer
