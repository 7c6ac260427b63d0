// Python source of the exported script's data reading: an export-data folder (.npy tensors with the
// app's split), a raw text,label CSV or a text corpus read with the exported vocabulary and the
// app's tokenizer, a numeric CSV (features + label in the last column), or the {"x", "y"} JSON tensors of earlier exports. Every problem is one line.

/** load_data(path, tokenizer, dtype) -> Data, and the tokenizers. Uses INPUT_* and TRAINING. */
export const DATA_SOURCE = String.raw`
class Data:
    """Training rows x, y; validation rows (None when there are none); the task; where they came from."""

    def __init__(self, x, y, val_x, val_y, task, where):
        self.x, self.y, self.val_x, self.val_y, self.task, self.where = x, y, val_x, val_y, task, where


def numpy_or_fail():
    try:
        import numpy
    except ImportError:
        fail("reading data needs NumPy: pip install numpy (Debian/Ubuntu: apt install python3-numpy)")
    return numpy


def read_npy(path):
    np = numpy_or_fail()
    try:
        return np.load(path, allow_pickle=False)
    except OSError as e:
        fail(f"cannot read {path}: {e.strerror or e}")
    except ValueError as e:
        fail(f"{path} is not a .npy array: {e}")


def as_x(a, where, dtype):
    """An array of inputs [N, *INPUT_SHAPE] as the model's input tensor (token ids as long), checked."""
    if list(a.shape[1:]) != INPUT_SHAPE:
        fail(f'{where}: inputs have shape {list(a.shape)} but the Input node "{INPUT_ID}" expects [N, {", ".join(map(str, INPUT_SHAPE))}]')
    if INPUT_DTYPE != "int32":
        return torch.from_numpy(a.astype("float64")).to(dtype)
    if a.dtype.kind not in "iu":
        fail(f"{where}: token ids must be whole numbers, the array holds {a.dtype}")
    x = torch.from_numpy(a.astype("int64"))
    if x.numel() and (int(x.min()) < 0 or (VOCAB_LIMIT is not None and int(x.max()) >= VOCAB_LIMIT)):
        fail(f"{where}: token ids must be from 0 to {VOCAB_LIMIT - 1}, found {int(x.min())} .. {int(x.max())}")
    return x


def as_y(a, rows, where, dtype):
    """Targets: class ids (long) for categorical cross-entropy, else values in the model's dtype."""
    if a.shape[0] != rows:
        fail(f"{where}: {a.shape[0]} targets for {rows} inputs; they must have as many rows")
    if TRAINING["loss"] == "categorical_crossentropy":
        if a.dtype.kind not in "iu" and not (a == a.round()).all():
            fail(f"{where}: class ids must be whole numbers")
        return torch.from_numpy(a.astype("int64"))
    return torch.from_numpy(a.astype("float64")).to(dtype)


def load_folder(path, dtype):
    """An export-data folder: manifest.json and train/val x/y .npy (the app's rows and split)."""
    manifest = read_json(os.path.join(path, "manifest.json"), "data manifest")
    if not isinstance(manifest, dict) or manifest.get("format") != "backprop-studio.data":
        fail(f"{path}/manifest.json is not a Backprop Studio data manifest (write one with backprop-studio export-data)")
    part = lambda name: read_npy(os.path.join(path, name))
    x = as_x(part("train_x.npy"), f"{path}/train_x.npy", dtype)
    y = as_y(part("train_y.npy"), x.shape[0], f"{path}/train_y.npy", dtype)
    vx = as_x(part("val_x.npy"), f"{path}/val_x.npy", dtype)
    vy = as_y(part("val_y.npy"), vx.shape[0], f"{path}/val_y.npy", dtype)
    if vx.shape[0] == 0:
        vx = vy = None
    return Data(x, y, vx, vy, manifest.get("task", "classification"), f"{manifest.get('dataset', path)} from {path}")


def split_rows(x, y, task, where):
    """Holds out TRAINING["validation_split"] of the rows (a seeded permutation, like the app's split;
    PyTorch's generator is not ours, so the rows differ from the app's)."""
    n = x.shape[0]
    n_val = min(max(0, round(n * TRAINING["validation_split"])), max(0, n - 1))
    perm = torch.randperm(n, generator=torch.Generator().manual_seed(TRAINING["seed"]))
    val, rows = perm[:n_val].sort().values, perm[n_val:].sort().values
    if n_val == 0:
        return Data(x, y, None, None, task, where)
    return Data(x[rows], y[rows], x[val], y[val], task, where)


def find_tokenizer(data_path, given):
    """(manifest, vocab) of an export-data folder: --tokenizer, else beside the data, else beside this file."""
    here = os.path.dirname(os.path.abspath(__file__))
    places = [given] if given else [os.path.dirname(os.path.abspath(data_path)), here]
    for folder in places:
        if os.path.isfile(os.path.join(folder, "manifest.json")) and os.path.isfile(os.path.join(folder, "vocab.json")):
            manifest = read_json(os.path.join(folder, "manifest.json"), "data manifest")
            if not isinstance(manifest, dict) or not isinstance(manifest.get("tokenizer"), dict):
                fail(f"{folder}/manifest.json has no tokenizer: the graph's data is not text")
            return manifest, read_json(os.path.join(folder, "vocab.json"), "vocabulary")
    fail(f"reading raw text needs the vocabulary: pass --tokenizer FOLDER (from backprop-studio export-data), looked in {', '.join(places)}")


# The app tokenizes with Intl.Segmenter (Unicode UAX #29) after NFC normalization; these two follow
# the same rules for letters, marks, digits, apostrophes/points inside words and numbers, "_",
# emoji sequences and combining marks (not CJK dictionary word breaks or Hangul jamo sequences).
_MID_LETTER = set(":\u00b7\u0387\u05f4\u2027\ufe13\ufe55\uff1a.\u2018\u2019\u2024\ufe52\uff07\uff0e'")
_MID_NUM = set(",;\u037e\u0589\u060c\u060d\u066c\u07f8\u2044\ufe10\ufe14\ufe50\ufe54\uff0c\uff1b.\u2018\u2019\u2024\ufe52\uff07\uff0e'")


def _extends(ch):
    return unicodedata.category(ch) in ("Mn", "Mc", "Me", "Cf") and ch != "\u200b"


def _word_kind(ch):
    c = unicodedata.category(ch)
    if c[0] == "L":
        return "L"
    if c == "Nd":
        return "N"
    if c == "Pc":
        return "_"
    return None


def words_of(text):
    """Lowercase words, as the app finds them (NFC, then UAX #29 word segmentation, word-like parts)."""
    s = unicodedata.normalize("NFC", text.lower())
    words, i, n = [], 0, len(s)
    while i < n:
        if _word_kind(s[i]) is None:
            i += 1
            continue
        start, last = i, _word_kind(s[i])
        i += 1
        while i < n:
            k = _word_kind(s[i])
            if k is not None:
                last, i = k, i + 1
            elif _extends(s[i]):
                i += 1
            elif i + 1 < n and last in ("L", "N") and _word_kind(s[i + 1]) == last and (
                (last == "L" and s[i] in _MID_LETTER) or (last == "N" and s[i] in _MID_NUM)
            ):
                i += 2
            else:
                break
        word = s[start:i]
        if any(_word_kind(ch) in ("L", "N") for ch in word):
            words.append(word)
    return words


def _joins(prev, ch, ri_run):
    """True when ch continues the grapheme cluster that ends with prev (UAX #29, common rules)."""
    cp = ord(ch)
    if prev == "\r" and ch == "\n":
        return True
    if prev in "\r\n" or ch in "\r\n":
        return False
    if unicodedata.category(ch) in ("Mn", "Mc", "Me") or ch == "\u200d":
        return True
    if 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF or 0x1F3FB <= cp <= 0x1F3FF or 0xE0020 <= cp <= 0xE007F:
        return True
    if prev == "\u200d" and unicodedata.category(ch) == "So":
        return True
    return 0x1F1E6 <= cp <= 0x1F1FF and ri_run % 2 == 1


def chars_of(text):
    """The user-perceived characters (grapheme clusters) of NFC text, as the app splits them."""
    s = unicodedata.normalize("NFC", text)
    out, ri_run = [], 0
    for ch in s:
        if out and _joins(out[-1][-1], ch, ri_run):
            out[-1] += ch
        else:
            out.append(ch)
        ri_run = ri_run + 1 if 0x1F1E6 <= ord(ch) <= 0x1F1FF else 0
    return out


def label_id(label, names, line, where):
    if names and label in names:
        return names.index(label)
    try:
        k = int(label)
    except ValueError:
        fail(f"{where} line {line}: label {label!r} is not one of {', '.join(names or [])} nor a class number")
    if k < 0 or (names and k >= len(names)):
        fail(f"{where} line {line}: class {k} is outside 0 .. {len(names) - 1}")
    return k


def load_text_csv(path, tokenizer, dtype):
    """Rows of text,label (a header row is skipped) tokenized with the exported vocabulary."""
    manifest, vocab = find_tokenizer(path, tokenizer)
    tok = manifest["tokenizer"]
    if tok.get("kind") != "word":
        fail(f"{path}: this model reads characters; give it a plain text file (.txt), not a CSV")
    index = {w: i for i, w in enumerate(vocab)}
    length, pad, unk = tok["length"], tok.get("pad", 0), tok.get("unk", 1)
    names = manifest.get("classNames")
    ids, labels = [], []
    try:
        with open(path, newline="", encoding="utf-8") as f:
            for line, row in enumerate(csv.reader(f), start=1):
                if not row:
                    continue
                if len(row) != 2:
                    fail(f"{path} line {line}: {len(row)} fields; each row must be text,label (quote texts with commas)")
                text, label = row[0], row[1].strip()
                if line == 1 and label.lower() in ("label", "labels", "class", "category", "target", "y"):
                    continue
                words = words_of(text)[:length]
                ids.append([pad] * (length - len(words)) + [index.get(w, unk) for w in words])
                labels.append(label_id(label, names, line, path))
    except OSError as e:
        fail(f"cannot read {path}: {e.strerror}")
    except UnicodeDecodeError:
        fail(f"{path} is not UTF-8 text")
    if not ids:
        fail(f"{path} has no rows of text,label")
    np = numpy_or_fail()
    x = as_x(np.array(ids, dtype="int64"), path, dtype)
    task = manifest.get("task", "classification")
    y_arr = np.array(labels, dtype="int64")
    if task == "binary":
        y_arr = y_arr.reshape(-1, 1).astype("float32")
    return split_rows(x, as_y(y_arr, x.shape[0], path, dtype), task, path)


def optional_manifest(path, given):
    """An export-data manifest (for class names) from --tokenizer or beside the data, or None."""
    for folder in [given] if given else [os.path.dirname(os.path.abspath(path))]:
        if folder and os.path.isfile(os.path.join(folder, "manifest.json")):
            m = read_json(os.path.join(folder, "manifest.json"), "data manifest")
            return m if isinstance(m, dict) else None
    return None


def as_number(cell):
    try:
        v = float(cell)
    except ValueError:
        return None
    return v if math.isfinite(v) else None


def load_numeric_csv(path, tokenizer, dtype):
    """Rows of numbers, the label in the last column (a header row of names is skipped), as the
    app reads a numeric CSV: features for the Input, class ids / 0-1 / values for the loss."""
    manifest = optional_manifest(path, tokenizer)
    names = manifest.get("classNames") if manifest else None
    width = INPUT_SHAPE[0] if len(INPUT_SHAPE) == 1 else None
    xs, labels = [], []
    try:
        with open(path, newline="", encoding="utf-8") as f:
            for line, row in enumerate(csv.reader(f), start=1):
                if not row:
                    continue
                if line == 1 and all(as_number(c) is None for c in row):
                    continue
                if width is None or len(row) != width + 1:
                    fail(f"{path} line {line}: {len(row)} columns; this model reads {width} features and a label")
                values = [as_number(c) for c in row[:-1]]
                bad = next((j for j, v in enumerate(values) if v is None), None)
                if bad is not None:
                    fail(f"{path} line {line}: column {bad + 1} ({row[bad]!r}) is not a number")
                xs.append(values)
                labels.append((row[-1].strip(), line))
    except OSError as e:
        fail(f"cannot read {path}: {e.strerror}")
    except UnicodeDecodeError:
        fail(f"{path} is not UTF-8 text")
    if not xs:
        fail(f"{path} has no rows of numbers")
    x = torch.tensor(xs, dtype=torch.float64).to(dtype)
    if TRAINING["loss"] == "categorical_crossentropy":
        y = torch.tensor([label_id(v, names, line, path) for v, line in labels], dtype=torch.long)
        return split_rows(x, y, "classification", path)
    values = [as_number(v) for v, _ in labels]
    bad = next((i for i, v in enumerate(values) if v is None), None)
    if bad is not None:
        fail(f"{path} line {labels[bad][1]}: the label {labels[bad][0]!r} is not a number")
    y = torch.tensor(values, dtype=torch.float64).to(dtype).reshape(-1, 1)
    return split_rows(x, y, "binary" if TRAINING["loss"] == "binary_crossentropy" else "regression", path)


def load_text_corpus(path, tokenizer, dtype):
    """A plain text file as next-character windows with the exported character vocabulary."""
    manifest, vocab = find_tokenizer(path, tokenizer)
    tok = manifest["tokenizer"]
    if tok.get("kind") != "char":
        fail(f"{path}: this model reads words with labels; give it a text,label .csv")
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as e:
        fail(f"cannot read {path}: {e.strerror}")
    except UnicodeDecodeError:
        fail(f"{path} is not UTF-8 text")
    index = {c: i for i, c in enumerate(vocab)}
    chars = chars_of(text)
    missing = sorted({c for c in chars if c not in index})
    if missing:
        fail(f"{path}: characters not in the model's vocabulary: {''.join(missing[:20])!r}")
    stream = torch.tensor([index[c] for c in chars], dtype=torch.long)
    length, stride = tok["length"], tok.get("stride", tok["length"])
    if len(stream) <= length:
        fail(f"{path} has {len(stream)} characters, too few for one window of {length} (+1 for the target)")
    starts = range(0, len(stream) - length, stride)
    x = torch.stack([stream[s : s + length] for s in starts])
    y = torch.stack([stream[s + 1 : s + length + 1] for s in starts])
    return split_rows(x, y, "language-model", path)


def load_json_tensors(path, dtype):
    """{"x": tensor, "y": tensor} (earlier exports): every row trains, none held out."""
    where = f"data file {path}"
    data = read_json(path, "data file")
    x = read_input(data, "x", where, dtype)
    y_shape, y_data = read_tensor(data, "y", where)
    classes = TRAINING["loss"] == "categorical_crossentropy"
    if not y_shape or y_shape[0] != x.shape[0]:
        fail(f'{where}: "y" has shape {y_shape} but "x" has {x.shape[0]} rows; they must have as many rows')
    y = torch.tensor(y_data, dtype=torch.long if classes else dtype).reshape(y_shape)
    task = "classification" if classes else "regression"
    return Data(x, y, None, None, task, path)


def load_tar(path, dtype):
    """The app's dataset download (a .tar of one export-data folder), read without unpacking to disk."""
    import tarfile
    import tempfile

    try:
        with tarfile.open(path) as archive, tempfile.TemporaryDirectory() as tmp:
            names = [m.name for m in archive.getmembers() if m.isfile()]
            folders = {os.path.dirname(n) for n in names if os.path.basename(n) == "manifest.json"}
            if len(folders) != 1:
                fail(f"{path} is not a dataset download: it needs exactly one manifest.json")
            for m in archive.getmembers():
                if m.isfile() and not os.path.isabs(m.name) and ".." not in m.name.split("/"):
                    with open(os.path.join(tmp, os.path.basename(m.name)), "wb") as f:
                        f.write(archive.extractfile(m).read())
            data = load_folder(tmp, dtype)
            data.where = f"{data.where.split(' from ')[0]} from {path}"
            return data
    except (tarfile.TarError, OSError) as e:
        fail(f"cannot read the archive {path}: {e}")


def load_data(path, tokenizer, dtype):
    """The training data from an export-data folder (or the app's .tar of one), a .csv / .txt of raw
    text, or a .json of tensors."""
    if os.path.isdir(path):
        return load_folder(path, dtype)
    low = path.lower()
    if low.endswith(".tar"):
        return load_tar(path, dtype)
    if low.endswith(".json"):
        return load_json_tensors(path, dtype)
    if low.endswith(".csv"):
        # token or one-hot inputs read text,label; a feature vector reads numbers (as the app's upload)
        if INPUT_DTYPE == "int32" or len(INPUT_SHAPE) == 2:
            return load_text_csv(path, tokenizer, dtype)
        return load_numeric_csv(path, tokenizer, dtype)
    if not os.path.exists(path):
        fail(f"cannot read data {path}: no such file or folder")
    return load_text_corpus(path, tokenizer, dtype)
`;
