using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Data.Images;
using XraySynth.Detect.Boxes;

namespace XraySynth.Detect.Synthesis;

/// <summary>Copy-paste patches: crops around real training boxes (the lesion and a margin of its surroundings).</summary>
public sealed class RealCropPatches : ILesionPatchSource
{
    readonly Dataset dataset;
    readonly ILookup<string, BoxRecord> boxes;
    readonly Dictionary<string, ImageRecord> images;

    /// <summary>Uses the boxes of real training images of <paramref name="dataset"/>.</summary>
    public RealCropPatches(Dataset dataset)
    {
        this.dataset = dataset;
        images = dataset.Images.Where(i => i.Split == Split.Train && i.Source == ImageSource.Real).ToDictionary(i => i.Id, StringComparer.Ordinal);
        boxes = dataset.Boxes.Where(b => images.ContainsKey(b.ImageId)).ToLookup(b => b.Label, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public string Description => "crops around real training boxes (copy-paste)";

    /// <inheritdoc />
    public LesionPatch Next(string label, double margin, Random random)
    {
        var candidates = boxes[label].ToArray();
        if (candidates.Length == 0) throw new UserError($"{dataset.Root}: no training box of '{label}' to crop a lesion patch from");
        var box = candidates[random.Next(candidates.Length)];
        var image = ImageCodec.Decode(dataset.FullPath(images[box.ImageId]));
        double pad = margin * Math.Max(box.W, box.H);
        int x0 = Math.Max(0, (int)Math.Floor(box.X - pad)), y0 = Math.Max(0, (int)Math.Floor(box.Y - pad));
        int x1 = Math.Min(image.Width, (int)Math.Ceiling(box.X + box.W + pad)), y1 = Math.Min(image.Height, (int)Math.Ceiling(box.Y + box.H + pad));
        var crop = new GrayImage(x1 - x0, y1 - y0);
        for (int y = y0; y < y1; y++) image.Pixels.AsSpan(y * image.Width + x0, x1 - x0).CopyTo(crop.Pixels.AsSpan((y - y0) * crop.Width));
        return new LesionPatch(crop, Box.FromXywh(box.X - x0, box.Y - y0, box.W, box.H).Clip(crop.Width, crop.Height));
    }
}
