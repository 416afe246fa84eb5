#!/usr/bin/python3
"""Write Prosody 0.12 storage files (accounts, rosters) for the simulated home, or the
same accounts and rosters as Erlang expressions for ejabberd 23.01.

    seed_prosody.py --config data/home.json --data DIR/data [--admins-cfg DIR/home.cfg.lua]
                    [--print-domains]
    seed_prosody.py --config data/home.json --erlang-seed DIR/seed.erl
                    [--admins-yml DIR/admins.yml] [--print-domains]

Writing the files directly is instant; prosodyctl costs 20-40 ms per account and
XEP-0077 needs a running server. Formats are those of mod_storage_internal with
authentication = "internal_plain" (passwords in clear: throwaway test data only).
--admins-cfg writes a Lua snippet with `admins = {...}` that the generated server
config Includes, so the admin list also comes from home.json.
--erlang-seed writes Erlang expressions that tests/testenv-ejabberd.sh evaluates inside
the freshly started ejabberd (ejabberd_auth:try_register, mod_admin_extra:add_rosteritem:
a few milliseconds, where `ejabberdctl register` boots a VM per account); they end by
writing the file named by $IOT_EJABBERD_READY. Strings go as byte lists, so any UTF-8
name arrives intact. --admins-yml writes the admin JIDs as a YAML flow list.
"""
import argparse
import os
import sys

sys.dont_write_bytecode = True     # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from things_home import Home  # noqa: E402


def store_encode(s):
    """util/datamanager.lua encode(): every non-alphanumeric byte becomes %xx."""
    return "".join(c if c.isascii() and c.isalnum() else "".join("%%%02x" % b for b in c.encode())
                   for c in s)


def lua_str(s):
    """A Lua string literal; escapes keep any name (quotes, backslashes, UTF-8) intact."""
    out = ['"']
    for b in s.encode("utf-8"):
        ch = chr(b)
        if ch in '"\\':
            out.append("\\" + ch)
        elif 32 <= b < 127:
            out.append(ch)
        else:
            out.append("\\%03d" % b)
    out.append('"')
    return "".join(out)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def roster_lua(entries):
    lines = ["return {", '\t[false] = { ["version"] = 1; ["pending"] = {}; };']
    for jid, item in sorted(entries.items()):
        groups = "{ [%s] = true; }" % lua_str(item["group"]) if item.get("group") else "{}"
        lines.append('\t[%s] = { ["subscription"] = %s; ["name"] = %s; ["groups"] = %s; };'
                     % (lua_str(jid), lua_str(item["subscription"]), lua_str(item["name"]), groups))
    lines.append("};")
    return "\n".join(lines) + "\n"


def erl_bin(s):
    """An Erlang binary of the UTF-8 bytes of s."""
    return "<<%s>>" % ",".join(str(b) for b in s.encode("utf-8"))


def erlang_seed(home):
    host = erl_bin(home.domain)
    out = ["Host = %s," % host,
           "Reg = fun(U, P) -> case ejabberd_auth:try_register(U, Host, P) of ok -> ok; "
           "{error, exists} -> ok; E -> erlang:error({register, U, E}) end end,",
           "Add = fun(U, C, N, G) -> ok = mod_admin_extra:add_rosteritem(U, Host, C, Host, N, G, <<\"both\">>) end,"]
    for user, password in home.accounts():
        out.append("Reg(%s, %s)," % (erl_bin(user), erl_bin(password)))
    for user, entries in sorted(home.rosters().items()):
        for jid, item in sorted(entries.items()):
            out.append("Add(%s, %s, %s, %s)," % (erl_bin(user), erl_bin(jid.split("@")[0]), erl_bin(item["name"]),
                                                 erl_bin(item.get("group") or "")))
    out.append('ok = file:write_file(os:getenv("IOT_EJABBERD_READY"), <<"ready">>).')
    return "\n".join(out) + "\n"


def yaml_list(items):
    return "[%s]" % ", ".join('"%s"' % i.replace("\\", "\\\\").replace('"', '\\"') for i in items)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--config", required=True)
    ap.add_argument("--data", help="Prosody data_path")
    ap.add_argument("--erlang-seed", help="write ejabberd seeding expressions here (instead of --data)")
    ap.add_argument("--admins-yml", help="write the admin JIDs here as a YAML list")
    ap.add_argument("--admins-cfg", help="write `admins = {...}` here")
    ap.add_argument("--print-domains", action="store_true",
                    help='print "DOMAIN PUBSUB-COMPONENT [XEP-0114 COMPONENT...]" (saves the caller a JSON parser)')
    a = ap.parse_args()

    home = Home(a.config)
    if a.erlang_seed:
        write(a.erlang_seed, erlang_seed(home))
        if a.admins_yml:
            write(a.admins_yml, yaml_list(home.admins) + "\n")
        if a.print_domains:
            print(home.domain, home.pubsub, *[home.component_jid(n) for n in sorted(home.components)])
        return
    if not a.data:
        ap.error("--data or --erlang-seed is required")
    host_dir = os.path.join(a.data, store_encode(home.domain))
    for user, password in home.accounts():
        write(os.path.join(host_dir, "accounts", store_encode(user) + ".dat"),
              "return {\n\t[\"password\"] = %s;\n};\n" % lua_str(password))
    for user, entries in home.rosters().items():
        write(os.path.join(host_dir, "roster", store_encode(user) + ".dat"), roster_lua(entries))
    if a.admins_cfg:
        write(a.admins_cfg, "-- from %s\nadmins = { %s }\n"
              % (home.path, "; ".join(lua_str(j) for j in home.admins)))
    if a.print_domains:
        print(home.domain, home.pubsub, *[home.component_jid(n) for n in sorted(home.components)])


if __name__ == "__main__":
    main()
