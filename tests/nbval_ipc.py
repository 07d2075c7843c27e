"""pytest plugin for ``make nbval`` (``-p tests.nbval_ipc``): nbval's kernels talk over ipc
sockets of their own instead of TCP ports.

With TCP, the client picks free ports and the kernel binds them a moment later; two xdist
workers starting kernels at once can pick the same port, and the loser dies before it
answers ("Kernel died before replying to kernel_info": seen once in ~20 fresh-clone runs).
A socket path of its own per kernel cannot collide. ``kamlab.batch`` starts its report
kernels the same way (:func:`kamlab.batch.ipc_socket_path`).
"""

from __future__ import annotations


def pytest_configure(config):
    try:
        import nbval.kernel
    except ImportError:  # nbval not installed: nothing to configure
        return
    from jupyter_client.manager import KernelManager

    from kamlab.batch import ipc_socket_path

    class IPCKernelManager(KernelManager):
        def __init__(self, **kwargs):
            super().__init__(transport="ipc", ip=ipc_socket_path("kamlab-nbval"), **kwargs)

    nbval.kernel.KernelManager = IPCKernelManager
