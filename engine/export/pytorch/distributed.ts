// Python source of the exported script's device choice and data parallelism: one process, or one
// per rank under torchrun (DistributedDataParallel; gloo on CPU, nccl on CUDA). Every rank draws
// a disjoint shard of each global batch through DistributedSampler, whose permutation depends only
// on (seed, epoch): one process with the same global batch sees the same rows in the same steps.

/** class Distributed: device, DDP wrapping, the DataLoader, sums across ranks. */
export const DISTRIBUTED_SOURCE = String.raw`
def pick_device(name, local_rank):
    """--device auto|cpu|cuda|mps as a torch.device (auto: CUDA, else Apple MPS, else CPU)."""
    mps = getattr(torch.backends, "mps", None)
    has_mps = mps is not None and mps.is_available()
    if name == "auto":
        name = "cuda" if torch.cuda.is_available() else "mps" if has_mps else "cpu"
    if name == "cuda":
        if not torch.cuda.is_available():
            fail("--device cuda: this PyTorch sees no CUDA GPU (torch.cuda.is_available() is False)")
        torch.cuda.set_device(local_rank)
        return torch.device("cuda", local_rank)
    if name == "mps":
        if not has_mps:
            fail("--device mps: this PyTorch has no Apple MPS backend available")
        return torch.device("mps")
    return torch.device("cpu")


class Distributed:
    """One process, or rank RANK of WORLD_SIZE when started by torchrun (which sets those variables)."""

    def __init__(self, device):
        self.world = int(os.environ.get("WORLD_SIZE", "1"))
        self.rank = int(os.environ.get("RANK", "0"))
        self.main = self.rank == 0
        self.device = pick_device(device, int(os.environ.get("LOCAL_RANK", "0")))
        if self.world > 1:
            import torch.distributed as dist

            self.dist = dist
            dist.init_process_group("nccl" if self.device.type == "cuda" else "gloo")

    def describe(self):
        return str(self.device) + (f" x {self.world} processes" if self.world > 1 else "")

    def wrap(self, model):
        """The model to train: DistributedDataParallel (gradients averaged across ranks) or itself."""
        if self.world == 1:
            return model
        from torch.nn.parallel import DistributedDataParallel

        ids = [self.device.index] if self.device.type == "cuda" else None
        return DistributedDataParallel(model, device_ids=ids)

    def loader(self, x, y, shuffle):
        """(DataLoader of (row ids, x, y), its sampler). Each rank takes batch_size / world rows of a
        global batch of the graph's batch size; a global batch's rows are the same as in one process."""
        from torch.utils.data import DataLoader, DistributedSampler, TensorDataset

        n = x.shape[0]
        size = n if TRAINING["batch_size"] == "full" else min(TRAINING["batch_size"], n)
        if size % self.world != 0 and self.main:
            print(f"note: batch size {size} is not a multiple of {self.world} processes; each takes {max(1, size // self.world)}", file=sys.stderr)
        data = TensorDataset(torch.arange(n), x, y)
        sampler = DistributedSampler(data, num_replicas=self.world, rank=self.rank, shuffle=shuffle, seed=TRAINING["seed"])
        return DataLoader(data, batch_size=max(1, size // self.world), sampler=sampler), sampler

    def sum(self, t):
        """t summed over all ranks (itself in one process)."""
        if self.world > 1:
            t = t.to(self.device)  # nccl reduces GPU tensors only
            self.dist.all_reduce(t)
        return t.cpu()

    def close(self):
        if self.world > 1:
            self.dist.barrier()
            self.dist.destroy_process_group()
`;
