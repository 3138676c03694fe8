namespace Simulator.Telemetry.Channels;

/// <summary>
/// JSON Schema texts of the channels. The foxglove.* schemas describe the subset of Foxglove's message types these
/// encoders write, with Foxglove's field names (so its Image, 3D and Plot panels read them); bytes are base64 strings
/// (<c>contentEncoding: base64</c>), as Foxglove expects for JSON.
/// </summary>
internal static class JsonSchemas
{
    private const string Time = """{"type":"object","properties":{"sec":{"type":"integer","minimum":0},"nsec":{"type":"integer","minimum":0,"maximum":999999999}}}""";
    private const string Vector3 = """{"type":"object","properties":{"x":{"type":"number"},"y":{"type":"number"},"z":{"type":"number"}}}""";
    private const string Quaternion = """{"type":"object","properties":{"x":{"type":"number"},"y":{"type":"number"},"z":{"type":"number"},"w":{"type":"number"}}}""";
    private const string Color = """{"type":"object","properties":{"r":{"type":"number"},"g":{"type":"number"},"b":{"type":"number"},"a":{"type":"number"}}}""";
    private const string Pose = """{"type":"object","properties":{"position":""" + Vector3 + ""","orientation":""" + Quaternion + "}}";
    private const string Points = """{"type":"array","items":""" + Vector3 + "}";
    private const string Indices = """{"type":"array","items":{"type":"integer","minimum":0}}""";
    private const string Colors = """{"type":"array","items":""" + Color + "}";

    public const string CompressedImage =
        """{"title":"foxglove.CompressedImage","description":"A compressed image","type":"object","properties":{"timestamp":""" + Time
        + ""","frame_id":{"type":"string"},"data":{"type":"string","contentEncoding":"base64"},"format":{"type":"string"}}}""";

    private const string Cube = """{"type":"object","properties":{"pose":""" + Pose + ""","size":""" + Vector3 + ""","color":""" + Color + "}}";
    private const string Line =
        """{"type":"object","properties":{"type":{"type":"integer","description":"0 LINE_STRIP, 1 LINE_LOOP, 2 LINE_LIST"},"pose":""" + Pose
        + ""","thickness":{"type":"number"},"scale_invariant":{"type":"boolean"},"points":""" + Points
        + ""","color":""" + Color + ""","colors":""" + Colors + ""","indices":""" + Indices + "}}";
    private const string Triangles = """{"type":"object","properties":{"pose":""" + Pose + ""","points":""" + Points
        + ""","color":""" + Color + ""","colors":""" + Colors + ""","indices":""" + Indices + "}}";
    private const string KeyValue = """{"type":"object","properties":{"key":{"type":"string"},"value":{"type":"string"}}}""";
    private const string Empty = """{"type":"array","items":{"type":"object"}}""";

    private const string Entity =
        """{"type":"object","properties":{"timestamp":""" + Time
        + ""","frame_id":{"type":"string"},"id":{"type":"string"},"lifetime":{"type":"object","properties":{"sec":{"type":"integer"},"nsec":{"type":"integer"}}},"frame_locked":{"type":"boolean"},"metadata":{"type":"array","items":""" + KeyValue
        + """},"arrows":""" + Empty + ""","cubes":{"type":"array","items":""" + Cube
        + """},"spheres":""" + Empty + ""","cylinders":""" + Empty + ""","lines":{"type":"array","items":""" + Line
        + """},"triangles":{"type":"array","items":""" + Triangles
        + """},"texts":""" + Empty + ""","models":""" + Empty + "}}";

    public const string SceneUpdate =
        """{"title":"foxglove.SceneUpdate","description":"An update to the entities displayed in a 3D scene","type":"object","properties":{"deletions":{"type":"array","items":{"type":"object","properties":{"timestamp":""" + Time
        + ""","type":{"type":"integer","description":"0 MATCHING_ID, 1 ALL"},"id":{"type":"string"}}}},"entities":{"type":"array","items":""" + Entity + "}}}";

    public const string FrameTransforms =
        """{"title":"foxglove.FrameTransforms","description":"An array of FrameTransform messages","type":"object","properties":{"transforms":{"type":"array","items":{"type":"object","properties":{"timestamp":""" + Time
        + ""","parent_frame_id":{"type":"string"},"child_frame_id":{"type":"string"},"translation":""" + Vector3
        + ""","rotation":""" + Quaternion + "}}}}}";

    private const string Point2 = """{"type":"object","properties":{"x":{"type":"number"},"y":{"type":"number"}}}""";

    public const string ImageAnnotations =
        """{"title":"foxglove.ImageAnnotations","description":"Annotations over an image: boxes, lines, labels","type":"object","properties":{"circles":""" + Empty
        + ""","points":{"type":"array","items":{"type":"object","properties":{"timestamp":""" + Time
        + ""","type":{"type":"integer","description":"0 UNKNOWN, 1 POINTS, 2 LINE_LOOP, 3 LINE_STRIP, 4 LINE_LIST"},"points":{"type":"array","items":""" + Point2
        + """},"outline_color":""" + Color + ""","fill_color":""" + Color + ""","thickness":{"type":"number"}}}},"texts":{"type":"array","items":{"type":"object","properties":{"timestamp":""" + Time
        + ""","position":""" + Point2 + ""","text":{"type":"string"},"font_size":{"type":"number"},"text_color":""" + Color + ""","background_color":""" + Color + "}}}}}";

    public const string PerceptionScores =
        """{"title":"sim.PerceptionScores","description":"Running perception scores against the renderer's ground truth, and the inference cost","type":"object","properties":{"timestamp":""" + Time
        + ""","lane_iou":{"type":["number","null"],"description":"IoU of the lane area (road and markings)"},"lateral_error":{"type":["number","null"],"description":"metres, fitted vs true lane lines"}"""
        + ""","precision":{"type":["number","null"]},"recall":{"type":["number","null"]},"map50":{"type":["number","null"]},"map50_95":{"type":["number","null"]}"""
        + ""","ms_per_frame":{"type":["number","null"],"description":"inference milliseconds per camera frame, both models"},"frames":{"type":"integer"}}}""";

    public const string EgoState =
        """{"title":"sim.EgoState","description":"The ego vehicle after a step: speed, applied controls, lap progress","type":"object","properties":{"timestamp":""" + Time
        + ""","sim_time":{"type":"number","description":"simulated seconds since the episode's reset"},"env":{"type":"integer"},"episode":{"type":"integer"},"step":{"type":"integer"}"""
        + ""","speed":{"type":"number","description":"m/s"},"steer":{"type":"number","description":"applied steering, -1..1, +1 full left"}"""
        + ""","throttle":{"type":"number","description":"0..1"},"brake":{"type":"number","description":"0..1"}"""
        + ""","lap_progress":{"type":"number","description":"fraction of the current lap, 0..1"},"laps":{"type":"integer"}"""
        + ""","lateral":{"type":"number","description":"metres left of the centre line"},"heading_error":{"type":"number","description":"radians"}"""
        + ""","distance":{"type":"number","description":"metres this episode"},"collisions":{"type":"integer"},"off_road_time":{"type":"number"}}}""";

    public const string RewardTerms =
        """{"title":"sim.RewardTerms","description":"Unweighted reward terms of the last step and their weighted total","type":"object","properties":{"timestamp":""" + Time
        + ""","total":{"type":"number"},"progress":{"type":"number"},"speed":{"type":"number"},"centering":{"type":"number"}"""
        + ""","off_road":{"type":"number"},"collision":{"type":"number"},"smoothness":{"type":"number"},"yield":{"type":"number","description":"-(speed / limit) while failing to yield to a walker, else 0"}}}""";

    private const string OptionalNumber = """{"type":["number","null"]}""";

    public const string TrainingMetrics =
        """{"title":"sim.TrainingMetrics","description":"Metrics of one PPO iteration (null when not available)","type":"object","properties":{"timestamp":""" + Time
        + ""","iteration":{"type":"integer"},"total_steps":{"type":"integer"},"episodes":{"type":"integer"},"steps_per_second":""" + OptionalNumber
        + ""","mean_return":""" + OptionalNumber + ""","mean_length":""" + OptionalNumber + ""","policy_loss":""" + OptionalNumber
        + ""","value_loss":""" + OptionalNumber + ""","entropy":""" + OptionalNumber + ""","approx_kl":""" + OptionalNumber
        + ""","clip_fraction":""" + OptionalNumber + ""","explained_variance":""" + OptionalNumber + ""","learning_rate":""" + OptionalNumber
        + ""","eval_lap_completion":""" + OptionalNumber + ""","eval_mean_return":""" + OptionalNumber + "}}";
}
