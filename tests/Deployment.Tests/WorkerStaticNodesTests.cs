using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace IceFarm.Deployment.Tests;

/// <summary>
/// deviceAccess staticNodes (the default, issue 15 item 5): the worker stays unprivileged, and the boards' nodes are made
/// in its container at start by number through containerd's NRI device-injector, so a BOOTSEL drive or a tty that appears
/// on the host later (every flash re-enumerates the board) is already there. The numbers must be the kernel's, and the
/// injector's power must stay with the workers.
/// </summary>
public sealed partial class WorkerStaticNodesTests
{
    private static readonly string Template = File.ReadAllText(Path.Combine(Repository.Chart, "templates", "worker.yaml"));
    private static readonly string Policy = File.ReadAllText(Path.Combine(Repository.Chart, "templates", "device-annotation-policy.yaml"));

    [Fact]
    public void The_default_is_static_nodes_with_the_kernel_s_numbers_for_ttys_and_BOOTSEL_partitions()
    {
        var values = ChartValues.Load();
        var devices = ((JsonArray)ChartValues.At(values, "worker.staticNodes.devices")!).Select(d => Node.Of(d!)).ToList();

        Assert.Equal("staticNodes", (string?)ChartValues.At(values, "worker.deviceAccess"));
        Assert.Empty(ChartValues.Validate(values));
        Assert.Contains(devices, d => d.Type == "c");
        Assert.Contains(devices, d => d.Type == "b");
        Assert.All(devices, d => Assert.Equal(KernelNumbers(d.Path), (d.Type, d.Major, d.Minor)));
        Assert.DoesNotContain(devices, d => d.Path.StartsWith("/dev/sda", StringComparison.Ordinal)); // the host's first disk
        var gid = (long)ChartValues.At(values, "worker.staticNodes.gid")!;
        Assert.Contains(gid, ((JsonArray)ChartValues.At(values, "worker.supplementalGroups")!).Select(g => (long)g!));
        Assert.True((bool)ChartValues.At(values, "worker.staticNodes.restrictAnnotation")!);
    }

    [Fact]
    public void The_annotation_names_the_worker_container_and_each_node_with_its_numbers_group_and_mode()
    {
        var values = ChartValues.Load();
        var annotation = RenderAnnotation(values);

        Assert.Equal("devices.nri.io/container.worker", annotation.Key);
        var nodes = (JsonArray)YamlJson.Parse(annotation.Value)!;
        var expected = (JsonArray)ChartValues.At(values, "worker.staticNodes.devices")!;
        Assert.Equal(expected.Count, nodes.Count);
        foreach (var (node, wanted) in nodes.Zip(expected))
        {
            Assert.Equal(Node.Of(wanted!), Node.Of(node!));
            Assert.Equal(432, (long)node!["file_mode"]!); // 0660: owner and group read and write
            Assert.Equal((long)ChartValues.At(values, "worker.staticNodes.gid")!, (long)node["gid"]!);
        }
    }

    [Theory]
    [InlineData("/dev/mem", "c", 1, 1)]           // not a board's node
    [InlineData("/dev/sda1", "b", 8, 1)]          // the host's system disk
    [InlineData("/dev/ttyACM0", "c", 1, 3)]       // a board's name with /dev/null's numbers
    [InlineData("/dev/sdb1", "x", 8, 17)]
    [InlineData("/dev/ttyACM0", "c", 166, 256)]
    public void A_node_that_is_not_a_board_s_fails_validation(string path, string type, int major, int minor)
    {
        var values = ChartValues.Load();
        ChartValues.Set(values, "worker.staticNodes.devices", new JsonArray(new JsonObject
        {
            ["path"] = path, ["type"] = type, ["major"] = major, ["minor"] = minor,
        }));

        Assert.NotEmpty(ChartValues.Validate(values));
    }

    [Fact]
    public void The_admission_policy_keeps_device_annotations_to_this_release_s_workers_and_refuses_mount_annotations()
    {
        Assert.StartsWith(
            "{{- if and (eq .Values.worker.deviceAccess \"staticNodes\") .Values.worker.staticNodes.restrictAnnotation }}",
            Policy,
            StringComparison.Ordinal);
        Assert.Contains("kind: ValidatingAdmissionPolicy\n", Policy, StringComparison.Ordinal);
        Assert.Contains("kind: ValidatingAdmissionPolicyBinding\n", Policy, StringComparison.Ordinal);
        Assert.Contains("validationActions: [Deny]", Policy, StringComparison.Ordinal);
        Assert.Contains("failurePolicy: Fail", Policy, StringComparison.Ordinal);
        Assert.Contains("!variables.annotations.exists(k, k.startsWith('mounts.nri.io'))", Policy, StringComparison.Ordinal);
        Assert.Contains("request.namespace == '{{ .Release.Namespace }}'", Policy, StringComparison.Ordinal);
        Assert.Contains("variables.labels['app.kubernetes.io/instance'] == '{{ .Release.Name }}'", Policy, StringComparison.Ordinal);
        Assert.Contains("variables.labels['app.kubernetes.io/component'] == 'worker'", Policy, StringComparison.Ordinal);
    }

    // What the kernel gives: ttyACM<n> is char 166:n (cdc-acm); sd<letters><n> is block, disk i (sda = 0) on major 8 for
    // the first 16 and 65 to 71 for the next 112, minor 16 * (i mod 16) + n.
    private static (string Type, long Major, long Minor) KernelNumbers(string path)
    {
        var tty = Regex.Match(path, "^/dev/ttyACM(?<n>[0-9]+)$");
        if (tty.Success)
        {
            return ("c", 166, long.Parse(tty.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture));
        }

        var disk = Regex.Match(path, "^/dev/sd(?<letters>[a-z]+)(?<n>[0-9]+)$");
        Assert.True(disk.Success, $"{path} is neither a ttyACM nor an sd partition");
        var index = DiskIndex(disk.Groups["letters"].Value);
        var partition = long.Parse(disk.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
        return ("b", index < 16 ? 8 : 65 + ((index - 16) / 16), (16 * (index % 16)) + partition);
    }

    // sda = 0 ... sdz = 25, sdaa = 26: letters as a bijective base-26 number.
    private static int DiskIndex(string letters) => letters.Aggregate(0, (i, c) => (i * 26) + (c - 'a' + 1)) - 1;

    // The pod template's staticNodes annotation with its range run over the values, as helm would render it.
    private static KeyValuePair<string, string> RenderAnnotation(JsonObject values)
    {
        var block = StaticNodesAnnotation().Match(Template);
        Assert.True(block.Success, "worker.yaml has no staticNodes annotation block");
        var lines = block.Groups["body"].Value.Split('\n');
        var key = lines.Single(l => l.Contains("devices.nri.io", StringComparison.Ordinal)).Trim().TrimEnd('|').Trim().TrimEnd(':')
            .Replace("{{ $component }}", "worker", StringComparison.Ordinal);
        var item = Range().Match(Template).Groups["item"].Value;
        Assert.False(string.IsNullOrWhiteSpace(item), "worker.yaml has no range over worker.staticNodes.devices");
        var gid = ChartValues.At(values, "worker.staticNodes.gid")!.ToJsonString();
        var rendered = string.Concat(((JsonArray)ChartValues.At(values, "worker.staticNodes.devices")!).Select(d => item
            .Replace("{{ .path }}", (string)d!["path"]!, StringComparison.Ordinal)
            .Replace("{{ .type }}", (string)d["type"]!, StringComparison.Ordinal)
            .Replace("{{ .major }}", d["major"]!.ToJsonString(), StringComparison.Ordinal)
            .Replace("{{ .minor }}", d["minor"]!.ToJsonString(), StringComparison.Ordinal)
            .Replace("{{ $.Values.worker.staticNodes.gid }}", gid, StringComparison.Ordinal)));
        Assert.DoesNotContain("{{", rendered, StringComparison.Ordinal);

        // A block scalar's value: its lines without their common indentation.
        var body = rendered.Split('\n').Where(l => l.Trim().Length > 0).ToList();
        var indent = body.Min(l => l.Length - l.TrimStart().Length);
        return new(key, string.Join('\n', body.Select(l => l[indent..])));
    }

    [GeneratedRegex(@"\{\{- if eq \.Values\.worker\.deviceAccess ""staticNodes"" \}\}\n(?<body>.*?)\n\s*\{\{- end \}\}\n\s*\{\{- end \}\}", RegexOptions.Singleline)]
    private static partial Regex StaticNodesAnnotation();

    [GeneratedRegex(@"\{\{- range \.Values\.worker\.staticNodes\.devices \}\}(?<item>.*?)\n\s*\{\{- end \}\}", RegexOptions.Singleline)]
    private static partial Regex Range();

    private sealed record Node(string Path, string Type, long Major, long Minor)
    {
        public static Node Of(JsonNode node) =>
            new((string)node["path"]!, (string)node["type"]!, (long)node["major"]!, (long)node["minor"]!);
    }
}
