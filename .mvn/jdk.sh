# Sourced by mvnw (and .ci/run): points JAVA_HOME at a JDK 25 or newer, whatever the default java
# is. JAVA_HOME when it is one; else the java on PATH; else the usual install places (Debian's
# /usr/lib/jvm, SDKMAN's candidates, IntelliJ's ~/.jdks, /opt, macOS's JavaVirtualMachines).
# Where none exists: one line saying how to get one, and exit 1. POSIX sh: mvnw is /bin/sh.
northstar_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | sed 's/^1\.//'
}
northstar_is_jdk25() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] && [ "$(northstar_java_major "$1" 2>/dev/null || echo 0)" -ge 25 ] 2>/dev/null
}
if [ -z "${NORTHSTAR_JDK_CHECKED:-}" ]; then
  if [ -n "${JAVA_HOME:-}" ] && northstar_is_jdk25 "$JAVA_HOME"; then
    :
  else
    northstar_found=""
    northstar_path_java="$(command -v java 2>/dev/null || true)"
    if [ -n "$northstar_path_java" ]; then
      northstar_path_home="$(dirname "$(dirname "$(readlink -f "$northstar_path_java" 2>/dev/null || echo "$northstar_path_java")")")"
      if northstar_is_jdk25 "$northstar_path_home"; then
        northstar_found="$northstar_path_home"
      fi
    fi
    if [ -z "$northstar_found" ]; then
      for northstar_candidate in /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25-* /usr/lib/jvm/*25* /usr/lib/jvm/* \
          "$HOME"/.sdkman/candidates/java/25* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* /opt/java/* /opt/jdk* \
          /Library/Java/JavaVirtualMachines/*/Contents/Home; do
        if northstar_is_jdk25 "$northstar_candidate"; then
          northstar_found="$northstar_candidate"
          break
        fi
      done
    fi
    if [ -z "$northstar_found" ]; then
      echo "Northstar Stores needs a JDK 25 or newer and found none (JAVA_HOME, PATH, /usr/lib/jvm, ~/.sdkman, ~/.jdks): install one, e.g. 'sdk install java 25-tem' or https://adoptium.net/temurin/releases/?version=25" >&2
      exit 1
    fi
    JAVA_HOME="$northstar_found"
    export JAVA_HOME
  fi
  NORTHSTAR_JDK_CHECKED=1
  export NORTHSTAR_JDK_CHECKED
fi
