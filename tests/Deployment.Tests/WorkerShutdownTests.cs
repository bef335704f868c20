using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace IceFarm.Deployment.Tests;

/// <summary>
/// The worker DaemonSet drains before it stops: a preStop hook that asks for the drain and waits,
/// and a grace period longer than the drain deadline, so the kubelet never kills a running drain.
/// </summary>
public sealed partial class WorkerShutdownTests
{
    private static readonly string Template = File.ReadAllText(Path.Combine(Repository.Chart, "templates", "worker.yaml"));

    [Fact]
    public void The_grace_period_exceeds_the_drain_deadline_with_the_default_values()
    {
        var values = ChartValues.Load();

        var grace = GracePeriod(values);
        var deadline = (long)ChartValues.At(values, "worker.drainDeadlineSeconds")!;

        Assert.True(grace > deadline, $"terminationGracePeriodSeconds {grace} ≤ drain deadline {deadline}");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(60)]
    [InlineData(86_400)]
    public void The_grace_period_exceeds_any_valid_drain_deadline(long deadline)
    {
        var values = ChartValues.Load();
        ChartValues.Set(values, "worker.drainDeadlineSeconds", deadline);
        var minimumMargin = (long)ChartValues.At(ChartValues.LoadSchemaJson(), "properties.worker.properties.shutdownMarginSeconds.minimum")!;
        ChartValues.Set(values, "worker.shutdownMarginSeconds", minimumMargin);
        Assert.Empty(ChartValues.Validate(values));

        Assert.True(GracePeriod(values) > deadline);
    }

    [Fact]
    public void The_worker_is_told_the_same_drain_deadline()
    {
        Assert.Matches(
            @"- name: Worker__DrainDeadline\s+value: \{\{ include ""icefarm\.timespan"" \.Values\.worker\.drainDeadlineSeconds \| quote \}\}",
            Template);
    }

    [Fact]
    public void The_preStop_hook_asks_for_the_drain_and_waits_for_the_worker_to_exit()
    {
        var preStop = Template[Template.IndexOf("preStop:", StringComparison.Ordinal)..];

        Assert.Contains("- /bin/sh", preStop, StringComparison.Ordinal);
        Assert.Contains("kill -TERM 1; while kill -0 1 2>/dev/null; do sleep 1; done", preStop, StringComparison.Ordinal);
    }

    [Fact]
    public void The_worker_runs_on_labelled_board_hosts_and_is_ready_on_readyz()
    {
        var nodeSelector = ChartValues.At(ChartValues.Load(), "worker.nodeSelector") as JsonObject;

        Assert.Equal("true", (string?)nodeSelector?["icefarm.io/board-host"]);
        Assert.Contains("kind: DaemonSet", Template, StringComparison.Ordinal);
        Assert.Contains("toYaml .Values.worker.nodeSelector", Template, StringComparison.Ordinal);
        Assert.Matches(@"readinessProbe:\s+httpGet:\s+path: /readyz", Template);
        Assert.Matches(@"livenessProbe:\s+httpGet:\s+path: /healthz", Template);
    }

    // terminationGracePeriodSeconds of the DaemonSet, evaluated from its template: a literal or
    // "add .Values.a .Values.b".
    private static long GracePeriod(JsonNode values)
    {
        var match = GraceLine().Match(Template);
        Assert.True(match.Success, "worker.yaml has no terminationGracePeriodSeconds");
        var expression = match.Groups["value"].Value.Trim();
        if (long.TryParse(expression, out var literal))
        {
            return literal;
        }

        var sum = AddExpression().Match(expression);
        Assert.True(sum.Success, $"cannot evaluate terminationGracePeriodSeconds: {expression}");
        return (long)ChartValues.At(values, sum.Groups["a"].Value)! + (long)ChartValues.At(values, sum.Groups["b"].Value)!;
    }

    [GeneratedRegex(@"^\s*terminationGracePeriodSeconds:\s*(?<value>.+)$", RegexOptions.Multiline)]
    private static partial Regex GraceLine();

    [GeneratedRegex(@"^\{\{\s*add\s+\.Values\.(?<a>[\w.]+)\s+\.Values\.(?<b>[\w.]+)\s*\}\}$")]
    private static partial Regex AddExpression();
}
