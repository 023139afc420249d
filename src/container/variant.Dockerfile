# One image per command: the runtime binary (or the native classifier), the module it runs and their shared
# libraries, at fixed paths under /opt/wps (system libraries at their own paths), wherever they live on the host.
ARG BASE
FROM ${BASE}
COPY rootfs/ /
