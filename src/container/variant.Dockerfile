# One image per variant: the runtime binary (or the native classifier), the module it runs and their shared
# libraries, each at the same absolute path as on the host, so the variant's command runs unchanged inside.
ARG BASE
FROM ${BASE}
COPY rootfs/ /
