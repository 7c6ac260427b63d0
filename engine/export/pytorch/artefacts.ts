// Python source of what the exported script reads and writes besides data: weights as safetensors
// (written by hand: the format is a JSON header and raw bytes, so no extra package) or our JSON,
// the app's validation metrics, resumable checkpoints, ONNX, and a digest to compare replicas.

/** Weights in and out (by file extension) through WEIGHT_MAP. */
export const WEIGHTS_IO = String.raw`
SAFETENSORS_DTYPES = {"F32": torch.float32, "F64": torch.float64, "F16": torch.float16, "BF16": torch.bfloat16}


def read_safetensors(path):
    """{name: tensor} of a .safetensors file (8-byte header length, JSON header, raw data)."""
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as e:
        fail(f"cannot read weights file {path}: {e.strerror}")
    n = int.from_bytes(raw[:8], "little") if len(raw) >= 8 else -1
    if n < 2 or n > len(raw) - 8:
        fail(f"{path} is not a safetensors file (its header length does not fit the file)")
    try:
        header = json.loads(raw[8 : 8 + n].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        fail(f"{path}: its safetensors header is not JSON ({e})")
    if not isinstance(header, dict):
        fail(f"{path}: its safetensors header is not an object")
    tensors, base = {}, 8 + n
    for name, e in header.items():
        if name == "__metadata__":
            continue
        dtype = SAFETENSORS_DTYPES.get(e.get("dtype")) if isinstance(e, dict) else None
        if dtype is None:
            fail(f'{path}: tensor "{name}" has dtype {e.get("dtype") if isinstance(e, dict) else e!r}; weights are F32, F64, F16 or BF16')
        begin, end = e.get("data_offsets", [0, -1])
        count = 1
        for d in e.get("shape", []):
            count *= d
        if not 0 <= begin <= end <= len(raw) - base or end - begin != count * torch.tensor([], dtype=dtype).element_size():
            fail(f'{path}: tensor "{name}" has data_offsets {[begin, end]} that do not fit its shape {e.get("shape")}')
        data = torch.frombuffer(bytearray(raw[base + begin : base + end]), dtype=dtype) if count else torch.zeros(0, dtype=dtype)
        tensors[name] = data.reshape(e["shape"])
    return tensors


def write_safetensors(path, tensors, metadata):
    """Writes {name: tensor} as float32 safetensors (what the app and our CLI read)."""
    header, blobs, offset = {"__metadata__": metadata}, [], 0
    for name, t in tensors.items():
        blob = t.detach().to("cpu", torch.float32).contiguous().numpy().tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    head = json.dumps(header).encode("utf-8")
    head += b" " * (-len(head) % 8)
    with open(path, "wb") as f:
        f.write(len(head).to_bytes(8, "little"))
        f.write(head)
        for blob in blobs:
            f.write(blob)


def read_weights_json(path):
    """{name: tensor} of a Backprop Studio weights file (JSON)."""
    doc = read_json(path, "weights file")
    if not isinstance(doc, dict) or doc.get("format") != "backprop-studio.weights" or not isinstance(doc.get("tensors"), dict):
        fail(f'{path} is not a weights file: expected {{"format": "backprop-studio.weights", "version": 1, "tensors": {{...}}}}')
    if doc.get("version") != 1:
        fail(f'weights file {path} has version {doc.get("version")!r}; this export reads version 1')
    out = {}
    for key in doc["tensors"]:
        shape, data = read_tensor(doc["tensors"], key, f"weights file {path}")
        out[key] = torch.tensor(data, dtype=torch.float64).reshape(shape)
    return out


def load_weights(model, path):
    """Copies a weights file (.safetensors or our JSON) into the model's parameters (see WEIGHT_MAP).
    Every tensor is checked before anything is copied: a wrong file leaves the model as it was."""
    tensors = read_safetensors(path) if path.lower().endswith(".safetensors") else read_weights_json(path)
    for key in tensors:
        if key not in WEIGHT_MAP:
            fail(f'weights file {path} has tensor "{key}", which this model does not have (it has: {", ".join(WEIGHT_MAP)})')
    params = dict(model.named_parameters())
    for key, target in WEIGHT_MAP.items():
        if key not in tensors:
            fail(f'weights file {path} is missing tensor "{key}"')
        if list(tensors[key].shape) != list(params[target].shape):
            fail(f'weights tensor "{key}" has shape {list(tensors[key].shape)} but the model needs {list(params[target].shape)}')
        if not torch.isfinite(tensors[key]).all():
            fail(f'weights tensor "{key}" has a value that is not a finite number')
    with torch.no_grad():
        for key, target in WEIGHT_MAP.items():
            params[target].copy_(tensors[key])


def save_weights(model, path):
    """Writes the parameters as .safetensors (by name) or a Backprop Studio weights file (JSON)."""
    params = dict(model.named_parameters())
    try:
        if path.lower().endswith(".safetensors"):
            write_safetensors(path, {key: params[t] for key, t in WEIGHT_MAP.items()}, {"format": "backprop-studio.weights"})
            return
        tensors = {key: tensor_json(params[target]) for key, target in WEIGHT_MAP.items()}
        with open(path, "w", encoding="utf-8") as f:
            json.dump({"format": "backprop-studio.weights", "version": 1, "tensors": tensors}, f)
    except OSError as e:
        fail(f"cannot write weights to {path}: {e.strerror}")
`;

/** Validation metrics as the app computes them; checkpoints; ONNX; replica digest. */
export const TRAINING_ARTEFACTS = String.raw`
def correct_count(out, y):
    """(correct, counted) predictions of a batch of logits: argmax for classes, logit >= 0 for binary."""
    if TRAINING["loss"] == "categorical_crossentropy":
        hit = out.argmax(dim=-1).reshape(-1) == y.reshape(-1)
        return int(hit.sum()), hit.numel()
    if TRAINING["loss"] == "binary_crossentropy":
        hit = (out >= 0) == (y.reshape(out.shape) >= 0.5)
        return int(hit.sum()), hit.numel()
    return 0, 0


def evaluate(model, x, y, device, task, chunk=256):
    """{"valLoss", "valAccuracy" | "valPerplexity"}: the mean loss per position (per element for MSE)
    over all validation rows, accuracy for classification, exp(loss) for language models."""
    model.eval()
    total, count, correct, counted = 0.0, 0, 0, 0
    with torch.no_grad():
        for i in range(0, x.shape[0], chunk):
            out = model(x[i : i + chunk].to(device), logits=True).float()
            t = y[i : i + chunk].to(device)
            if TRAINING["loss"] == "categorical_crossentropy":
                total += nn.functional.cross_entropy(out.reshape(-1, out.shape[-1]), t.reshape(-1), reduction="sum").item()
            elif TRAINING["loss"] == "binary_crossentropy":
                total += nn.functional.binary_cross_entropy_with_logits(out, t.reshape(out.shape).float(), reduction="sum").item()
            else:
                total += ((out - t.reshape(out.shape).float()) ** 2).sum().item()
            count += t.numel()
            c, k = correct_count(out, t)
            correct, counted = correct + c, counted + k
    model.train()
    m = {"valLoss": total / max(1, count)}
    if counted:
        m["valAccuracy"] = correct / counted
    if task == "language-model":
        m["valPerplexity"] = math.exp(m["valLoss"])
    return m


def save_checkpoint(path, model, optimizer, scaler, epoch, step):
    """Weights, optimizer state (moments, step counts) and position, for --resume. Written to a
    temporary file first, so an interrupted save never destroys the previous checkpoint."""
    state = {"format": "backprop-studio.checkpoint", "epoch": epoch, "step": step, "model": model.state_dict(),
             "optimizer": optimizer.state_dict(), "scaler": scaler.state_dict()}
    try:
        torch.save(state, path + ".tmp")
        os.replace(path + ".tmp", path)
    except OSError as e:
        fail(f"cannot write checkpoint {path}: {e.strerror}")


def load_checkpoint(path, model, optimizer, scaler, device):
    """Restores a --checkpoint file; returns (epoch, step) it was written at."""
    try:
        state = torch.load(path, map_location=device)
    except FileNotFoundError:
        fail(f"cannot read checkpoint {path}: no such file")
    except Exception as e:  # torch.load raises several kinds for a file that is not a checkpoint
        fail(f"{path} is not a checkpoint of this script: {str(e).splitlines()[0] if str(e) else type(e).__name__}")
    if not isinstance(state, dict) or state.get("format") != "backprop-studio.checkpoint":
        fail(f"{path} is not a checkpoint written by --checkpoint")
    try:
        model.load_state_dict(state["model"])
        optimizer.load_state_dict(state["optimizer"])
    except (RuntimeError, ValueError, KeyError) as e:
        fail(f"checkpoint {path} does not fit this model: {str(e).splitlines()[0]}")
    scaler.load_state_dict(state.get("scaler", {}))
    return state["epoch"], state["step"]


def export_onnx(model, path):
    """The model (probabilities out) as ONNX with a dynamic batch axis, and a dynamic sequence axis
    where the layers allow it; checked with the onnx package when it is installed."""
    model.eval()
    dtype = next(model.parameters()).dtype
    x = torch.zeros([2] + INPUT_SHAPE, dtype=torch.long if INPUT_DTYPE == "int32" else dtype)
    x_axes, y_axes = {0: "batch"}, {0: "batch"}
    if SEQUENCE_AXIS_DYNAMIC:
        x_axes[1] = "sequence"
        if len(OUTPUT_SHAPE) >= 2:
            y_axes[1] = "sequence"
    try:
        with warnings.catch_warnings():  # the tracer's notes on the logits flag are not for users
            warnings.simplefilter("ignore")
            torch.onnx.export(model, (x,), path, input_names=["x"], output_names=["y"],
                              dynamic_axes={"x": x_axes, "y": y_axes}, opset_version=14)
    except OSError as e:
        fail(f"cannot write {path}: {e.strerror}")
    try:
        import onnx
    except ImportError:
        return
    onnx.checker.check_model(onnx.load(path))


def weights_digest(model):
    """sha256 of every parameter's bytes: equal digests = bit-identical replicas."""
    import hashlib

    h = hashlib.sha256()
    for _, p in sorted(model.named_parameters()):
        h.update(p.detach().cpu().contiguous().numpy().tobytes())
    return h.hexdigest()
`;
