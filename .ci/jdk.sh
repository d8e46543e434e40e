# Sourced by .ci/run and .ci/bench: the same JDK 25 discovery as ./mvnw (.mvn/jdk.sh).
. "$(dirname "${BASH_SOURCE[0]}")/../.mvn/jdk.sh"
export PATH="$JAVA_HOME/bin:$PATH"
