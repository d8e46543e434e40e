#!/bin/sh
# Runs a server command and stops it when this script's stdin closes, i.e. when the test JVM that
# started it goes away (for servers that do not watch their stdin themselves, such as s3proxy).
# A background job's stdin is /dev/null in a non-interactive shell: keep the real one on fd 3.
exec 3<&0
"$@" </dev/null &
child=$!
( cat <&3; kill "$child" ) >/dev/null 2>&1 &
wait "$child"
