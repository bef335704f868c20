using IceFarm.Contracts.Bitstreams;
using IceFarm.Contracts.Devices;
using IceFarm.Contracts.Evaluations;
using IceFarm.WorkerAgent.Boards;
using IceFarm.WorkerAgent.Kinds;
using IceFarm.WorkerAgent.Tests.Support;

namespace IceFarm.WorkerAgent.Tests.Kinds;

/// <summary>Kinds come from a registry with typed, validated arguments; a bad PrepareDevice is refused and changes nothing.</summary>
public sealed class KindTests
{
    [Theory]
    [InlineData("pulsecount", "", null)]
    [InlineData("variance", "", true)]
    [InlineData("VARIANCE", "samples=false", false)]
    [InlineData("variance", "Samples= TRUE ", true)]
    public void GoodArguments_AreParsedIntoTheKindsRecord(string name, string args, bool? includeSamples)
    {
        Assert.True(KindRegistry.Default.TryGet(name, out var kind));

        var parsed = kind.Parse(Args(args), out var error);

        Assert.Null(error);
        if (includeSamples is { } include)
        {
            Assert.Equal(new VarianceArguments(include), parsed);
        }
        else
        {
            Assert.Same(PulseCountArguments.Instance, parsed);
        }
    }

    [Theory]
    [InlineData("pulsecount", "window=5", "unknown argument 'window'; it takes no arguments")]
    [InlineData("variance", "samples=yes", "argument 'samples' must be 'true' or 'false'; got 'yes'")]
    [InlineData("variance", "samples=true,waveform=1", "unknown argument 'waveform'; it accepts 'samples'")]
    public void BadArguments_AreRefusedWithTheReason(string name, string args, string expected)
    {
        Assert.True(KindRegistry.Default.TryGet(name, out var kind));

        Assert.Null(kind.Parse(Args(args), out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void ARegistry_RefusesTheSameNameTwice() =>
        Assert.Throws<ArgumentException>(() => new KindRegistry([new PulseCountKind(), new PulseCountKind()]));

    [Theory]
    [InlineData("frequency", "", "unknown kind 'frequency'; known kinds: pulsecount, variance")]
    [InlineData("variance", "samples=maybe", "bad arguments for kind 'variance': argument 'samples' must be 'true' or 'false'; got 'maybe'")]
    [InlineData("pulsecount", "window=5", "bad arguments for kind 'pulsecount': unknown argument 'window'; it takes no arguments")]
    public async Task PrepareWithAnUnknownKindOrBadArguments_IsRefusedAsTheUsersFault_AndNothingChanges(string kind, string args, string expected)
    {
        await using var harness = ActorHarness.Create();
        await harness.StartAsync();
        var before = harness.Events.Published.Count;

        harness.Actor.Enqueue(new PrepareBoard(new PrepareDevice(harness.ReservationId, "client-1", harness.Board.Serial, kind, Args(args))));
        await harness.UntilAsync(() => harness.Events.Published.Count > before);

        var refusal = Assert.IsType<DeviceStateChanged>(Assert.Single(harness.Events.Published.Skip(before)));
        Assert.Equal(FailureCategory.User, refusal.Failure);
        Assert.Equal(DeviceState.Available, refusal.State);
        Assert.Equal(harness.ReservationId, refusal.ReservationId);
        Assert.Equal($"refused to prepare for reservation {harness.ReservationId}: {expected}", refusal.Reason);
        Assert.Equal(DeviceState.Available, harness.Actor.Summary.State);
        Assert.Null(harness.Actor.Summary.ReservationId);
        Assert.Equal(FirmwareKind.Default, harness.Board.InstalledImage);
    }

    [Theory]
    [InlineData("true", 500)]
    [InlineData("false", 0)]
    public async Task VarianceWithOrWithoutSamples_GivesTheFitnessAndOnlyTheSamplesAskedFor(string samples, int count)
    {
        await using var harness = ActorHarness.Create();
        await harness.StartAsync();
        await harness.PrepareAsync("variance", Args($"samples={samples}"));

        await harness.EvaluateAsync(harness.Evaluation(BitstreamGenerator.Generate(new CircuitDesign(2000, WaveShape.Square, 3000))));

        Assert.Empty(harness.Events.Of<EvaluationFailed>().Select(f => f.Reason));
        var result = Assert.Single(harness.Events.Of<EvaluationCompleted>());
        Assert.Equal("variance", result.Value.Kind);
        Assert.True(result.Value.Fitness > 500, $"a 3000-count square wave sampled every 102 µs steps often; got {result.Value.Fitness}");
        Assert.Equal(count, result.Value.Samples?.Count ?? 0);
        Assert.All(result.Value.Samples ?? [], s => Assert.InRange(s, 0, 4095));
        Assert.Null(result.Value.Pulses);
        Assert.NotNull(result.Telemetry);
    }

    private static Dictionary<string, string> Args(string text) => text.Length == 0
        ? []
        : text.Split(',').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
}
