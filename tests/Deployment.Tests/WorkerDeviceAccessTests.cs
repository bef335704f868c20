using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace IceFarm.Deployment.Tests;

/// <summary>
/// The worker pod is unprivileged by default (issue 15, item 5): no privileged container, no host /dev, every
/// hardening field set; the boards' nodes come by number (staticNodes, the default) or from a device plugin. The old
/// mode is an explicit opt-in.
/// </summary>
public sealed partial class WorkerDeviceAccessTests
{
    private static readonly string Template = File.ReadAllText(Path.Combine(Repository.Chart, "templates", "worker.yaml"));

    [Fact]
    public void The_defaults_use_no_privileged_mode_or_host_dev_and_the_device_plugin_mode_is_ready_to_pick()
    {
        var values = ChartValues.Load();

        Assert.Equal("staticNodes", (string?)ChartValues.At(values, "worker.deviceAccess")); // WorkerStaticNodesTests
        Assert.Equal("squat.ai/pico2-ice", (string?)ChartValues.At(values, "worker.devices.resource"));
        Assert.True((long)ChartValues.At(values, "worker.devices.count")! >= 1);
        Assert.Null(ChartValues.At(values, "worker.privileged"));
        Assert.Null(ChartValues.At(values, "worker.mounts.dev"));
        Assert.DoesNotContain(6L, ((JsonArray)ChartValues.At(values, "worker.supplementalGroups")!).Select(g => (long)g!)); // disk
        Assert.Empty(ChartValues.Validate(values));
    }

    [Fact]
    public void Outside_the_privileged_opt_in_the_pod_spec_is_unprivileged_and_has_no_host_dev()
    {
        var unprivileged = WithoutPrivilegedBranches(Template);

        Assert.DoesNotContain("privileged: true", unprivileged, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"hostPath:\s+path: /dev\s", unprivileged);
        Assert.DoesNotContain("mountPath: /dev\n", unprivileged, StringComparison.Ordinal);
        Assert.Matches(@"allowPrivilegeEscalation: false\s+capabilities:\s+drop: \[""ALL""\]", unprivileged);
        foreach (var line in new[] { "runAsNonRoot: true", "readOnlyRootFilesystem: true", "seccompProfile:\n              type: RuntimeDefault" })
        {
            Assert.Contains(line, unprivileged, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_privileged_mode_and_host_dev_are_rendered_only_for_deviceAccess_privileged()
    {
        Assert.Contains("privileged: true", Template, StringComparison.Ordinal);
        Assert.Equal(3, PrivilegedBranch().Count(Template)); // the securityContext, the mount, the volume
    }

    [Fact]
    public void With_a_device_plugin_the_worker_requests_the_resource_in_its_limits()
    {
        // The worker's container, after the init container that has resources of its own.
        var worker = Template[Template.IndexOf("      containers:", StringComparison.Ordinal)..];
        var resources = worker[worker.IndexOf("          resources:", StringComparison.Ordinal)..worker.IndexOf("          securityContext:", StringComparison.Ordinal)];

        Assert.Contains("if eq .Values.worker.deviceAccess \"devicePlugin\"", resources, StringComparison.Ordinal);
        Assert.Contains("set $limits .Values.worker.devices.resource .Values.worker.devices.count", resources, StringComparison.Ordinal);
        Assert.Contains("set $resources \"limits\" $limits", resources, StringComparison.Ordinal);
        Assert.Contains("toYaml $resources", resources, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("worker.deviceAccess", "\"root\"")]
    [InlineData("worker.privileged", "true")]                     // the old switch is gone; deviceAccess: privileged
    [InlineData("worker.mounts.dev", "true")]
    [InlineData("worker.devices.resource", "\"pico2-ice\"")]      // an extended resource needs a domain
    [InlineData("worker.devices.count", "0")]
    [InlineData("worker.devicePlugin.paths", "[\"/sys/bus/usb\"]")] // only /dev nodes
    public void A_wrong_device_access_value_fails_validation(string path, string json)
    {
        var values = ChartValues.Load();
        ChartValues.Set(values, path, JsonNode.Parse(json));

        Assert.NotEmpty(ChartValues.Validate(values));
    }

    [Fact]
    public void The_chart_s_device_plugin_advertises_the_worker_s_resource()
    {
        var plugin = File.ReadAllText(Path.Combine(Repository.Chart, "templates", "device-plugin.yaml"));

        Assert.StartsWith("{{- if .Values.worker.devicePlugin.enabled }}", plugin, StringComparison.Ordinal);
        Assert.Contains("splitList \"/\" .Values.worker.devices.resource", plugin, StringComparison.Ordinal);
        Assert.Contains("range .Values.worker.devicePlugin.paths", plugin, StringComparison.Ordinal);
        Assert.DoesNotContain("privileged: true", plugin, StringComparison.Ordinal);
        Assert.Matches(@"name: dev\s+mountPath: /dev\s+readOnly: true", plugin);
    }

    // The template with every {{- if eq .Values.worker.deviceAccess "privileged" }} branch cut out (up to its
    // {{- else }} or {{- end }}): what any other deviceAccess renders, as far as these lines go.
    private static string WithoutPrivilegedBranches(string template) => PrivilegedBranch().Replace(template, string.Empty);

    [GeneratedRegex(@"\{\{- if eq \.Values\.worker\.deviceAccess ""privileged"" \}\}.*?\{\{- (else|end) \}\}", RegexOptions.Singleline)]
    private static partial Regex PrivilegedBranch();
}
