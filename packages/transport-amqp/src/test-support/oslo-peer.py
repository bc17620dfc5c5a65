"""A Python peer for ml2ts's interoperability tests: the real oslo.messaging rabbit driver.

Usage: oslo-peer.py call TRANSPORT_URL JSON
         JSON: {"calls": [{"topic", "version", "method", "args", "timeout"?, "server"?}]}
         prints one JSON line per call: {"ok": result} or {"error": class name, ...}
       oslo-peer.py cast TRANSPORT_URL JSON
         JSON: {"casts": [{"topic", "version", "method", "args", "fanout"?}]}
       oslo-peer.py serve TRANSPORT_URL JSON
         JSON: {"topics": [...], "host"}; serves the endpoint below on every topic until stdin
         closes, printing {"event": "ready"} once consuming, then one line per request it runs.

Everything goes to the control exchange "neutron", as Neutron's services send it.
"""
import json
import os
import sys

from oslo_config import cfg
import oslo_messaging as messaging

CONTEXT = {
    "auth_token": None, "domain": None, "global_request_id": None, "is_admin": True,
    "is_admin_project": True, "project": None, "project_domain": None, "project_id": None,
    "project_name": None, "read_only": False, "request_id": "req-interop", "resource_uuid": None,
    "roles": [], "show_deleted": False, "system_scope": None, "tenant_id": None,
    "tenant_name": None, "timestamp": "2026-01-01 00:00:00.000000", "user": None,
    "user_domain": None, "user_id": None, "user_identity": "- - - - -", "user_name": None,
}


def emit(line):
    sys.stdout.write(json.dumps(line) + "\n")
    sys.stdout.flush()


def transport(url):
    # The global configuration: the client's metrics options are only registered there.
    cfg.CONF([], project="ml2ts-interop")
    return messaging.get_rpc_transport(
        cfg.CONF, url=url, allowed_remote_exmods=["neutron_lib.exceptions"])


def describe_error(error):
    return {
        "error": type(error).__name__,
        "module": type(error).__module__,
        "exc_type": getattr(error, "exc_type", None),
        "value": getattr(error, "value", None),
        "text": str(error).split("\n")[0],
    }


def call(url, spec):
    rpc = transport(url)
    for item in spec["calls"]:
        target = messaging.Target(exchange="neutron", topic=item["topic"],
                                  version=item["version"], server=item.get("server"))
        client = messaging.get_rpc_client(rpc, target, timeout=item.get("timeout", 10))
        try:
            emit({"ok": client.call(CONTEXT, item["method"], **item["args"])})
        except Exception as error:  # every failure is reported, none is fatal
            emit(describe_error(error))
    finish()


def cast(url, spec):
    rpc = transport(url)
    for item in spec["casts"]:
        target = messaging.Target(exchange="neutron", topic=item["topic"],
                                  version=item["version"], fanout=item.get("fanout", False))
        messaging.get_rpc_client(rpc, target).cast(CONTEXT, item["method"], **item["args"])
    emit({"event": "sent"})
    finish()


class Endpoint(object):
    target = messaging.Target(version="1.3")

    def echo(self, context, **kwargs):
        emit({"event": "request", "method": "echo", "args": kwargs, "context": context})
        return {"echo": kwargs}

    def fail(self, context, **kwargs):
        from neutron_lib import exceptions
        raise exceptions.InvalidInput(error_message="failed on purpose")

    def push(self, context, **kwargs):
        emit({"event": "request", "method": "push", "args": kwargs, "context": context})

    def port_delete(self, context, **kwargs):
        emit({"event": "request", "method": "port_delete", "args": kwargs, "context": context})

    def tunnel_update(self, context, **kwargs):
        emit({"event": "request", "method": "tunnel_update", "args": kwargs,
              "context": context})


def serve(url, spec):
    rpc = transport(url)
    servers = []
    for topic in spec["topics"]:
        target = messaging.Target(exchange="neutron", topic=topic, server=spec["host"])
        server = messaging.get_rpc_server(rpc, target, [Endpoint()], executor="threading")
        server.start()
        servers.append(server)
    emit({"event": "ready"})
    sys.stdin.read()
    for server in servers:
        server.stop()
    finish()


def finish():
    # The driver's threads take seconds to wind down; the broker cleans up after the exit.
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    mode, url, spec = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    {"call": call, "cast": cast, "serve": serve}[mode](url, spec)
