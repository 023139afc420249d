# The base of every suite container: nothing but the launcher (wps-launch, a static Go binary) and the mount points.
# Built by the suite (dev.wasmperf.container.ContainerImages) from a context it assembles; no registry involved.
FROM scratch
COPY rootfs/ /
ENTRYPOINT ["/wps-launch"]
