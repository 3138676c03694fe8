using System.Globalization;

namespace Simulator.Perception.Dataset;

/// <summary>
/// File layout of a written perception dataset:
/// <code>
/// DIR/manifest.json                 options, track seeds and frame counts per split, versions, renderer
/// DIR/{train,val,test}/images/NNNNNN.png    RGB camera frame
///                     masks/NNNNNN.png     lane classes (0 other, 1 road, 2 lane marking), greyscale
///                     semantic/NNNNNN.png  renderer semantic classes (SemanticClass ids), greyscale
///                     coco.json            COCO detection: images, annotations (bbox [x, y, w, h]), categories
///                     yolo/NNNNNN.txt      one "class cx cy w h" line per box, normalised to [0, 1]
///                     yolo/classes.txt     class names in class-id order
///                     lanes.json           TuSimple-style, one JSON object per line and image
/// </code>
/// </summary>
public static class PerceptionDatasetLayout
{
    public const string Manifest = "manifest.json";

    /// <summary>This build's version stamp (informational version, with the commit when built from git).</summary>
    public static string SimulatorVersion { get; } =
        typeof(PerceptionDatasetLayout).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            is [System.Reflection.AssemblyInformationalVersionAttribute a, ..] ? a.InformationalVersion : "0";
    public const string Images = "images";
    public const string Masks = "masks";
    public const string Semantic = "semantic";
    public const string Coco = "coco.json";
    public const string Yolo = "yolo";
    public const string YoloClasses = "classes.txt";
    public const string Lanes = "lanes.json";

    public static string FileName(int index, string extension) => index.ToString("D6", CultureInfo.InvariantCulture) + extension;

    /// <summary>Image rows where lanes.json gives each lane's x: every <c>max(1, height / 48)</c> rows from the top.</summary>
    public static int[] HSamples(int height)
    {
        int step = Math.Max(1, height / 48);
        return [.. Enumerable.Range(0, (height + step - 1) / step).Select(i => i * step)];
    }

    /// <summary>COCO category id of an object class (COCO ids start at 1).</summary>
    public static int CategoryId(Data.ObjectClass c) => (int)c + 1;
}
