# Sourced by ./mvnw and ./parley: exports JAVA_HOME pointing at a JDK >= 21.
# Parley is built with --release 21, and many machines still default to an older java,
# so the build finds a suitable JDK itself instead of failing on the default one.
parley_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}
parley_find_jdk() {
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(parley_java_major "$JAVA_HOME")
    [ "${major:-0}" -ge 21 ] && return 0
  fi
  best="" best_major=0
  case $- in *f*) noglob=1; set +f ;; *) noglob=0 ;; esac
  for home in /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/* /opt/*jdk* "$HOME"/.sdkman/candidates/java/* \
      "$(dirname "$(dirname "$(readlink -f "$(command -v javac 2>/dev/null || echo /nonexistent)")")")"; do
    [ -x "$home/bin/javac" ] || continue
    major=$(parley_java_major "$home")
    if [ "${major:-0}" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best=$home best_major=$major; fi
  done
  [ "$noglob" = 1 ] && set -f
  if [ -z "$best" ]; then
    echo "Parley needs a JDK 21 or newer; none found (set JAVA_HOME to one)." >&2
    return 1
  fi
  JAVA_HOME=$best
  export JAVA_HOME
}
parley_find_jdk || exit 1
