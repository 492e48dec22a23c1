#!/bin/sh
# A Spark standalone master or worker started from a service image: the image's lib/main holds Spark 3.5.4 for
# Scala 2.13 (the drivers' own jars), so daemons and drivers can never disagree on Spark or Scala (the official
# Spark images are Scala 2.12 builds, which a 2.13 driver cannot register with). Used by docker-compose.yml's
# spark-cluster profile (mounted read-only); the local stack does the same from the jars Maven resolves.
#
#   spark-daemon.sh master                                  # RPC 7077, web UI 8080
#   spark-daemon.sh worker spark://spark-master:7077 --cores 6 --memory 3g
#
# Writes only under /tmp (the containers' root file system is read-only). The daemons print no log lines (the
# image binds SLF4J to the services' JBoss LogManager, unconfigured outside Quarkus): watch them on the master's
# web UI and its GET /json/; each executor's output is under /tmp/spark-home/work/<app>/<executor>/ on its worker.
set -eu
role="${1:?usage: spark-daemon.sh master|worker [ARGS...]}"
shift

# A worker starts each executor through Spark's launcher, which builds the executor's classpath from
# $SPARK_HOME/jars/*: give it a home whose jars/ are the image's libraries.
home=/tmp/spark-home
mkdir -p "$home/jars" "$home/work"
for jar in /deployments/lib/main/*.jar /deployments/lib/boot/*.jar; do
  [ -e "$jar" ] && ln -sf "$jar" "$home/jars/"
done
export SPARK_HOME="$home" SPARK_SCALA_VERSION=2.13

case "$role" in
  master)
    exec java @/deployments/jvm.options -Xmx512m -cp "$home/jars/*" org.apache.spark.deploy.master.Master \
      --host "$(hostname)" --port 7077 --webui-port 8080 "$@" ;;
  worker)
    exec java @/deployments/jvm.options -Xmx256m -cp "$home/jars/*" org.apache.spark.deploy.worker.Worker \
      --host "$(hostname)" --webui-port 8081 --work-dir "$home/work" "$@" ;;
  *)
    echo "spark-daemon.sh: unknown role '$role' (master or worker)" >&2
    exit 2 ;;
esac
