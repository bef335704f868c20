using System.Diagnostics;
using System.Text.Json;
using IceFarm.Contracts.Bitstreams;
using IceFarm.Contracts.Evaluations;
using IceFarm.WorkerAgent.Simulation;

namespace IceFarm.Bench.Sdk;

/// <summary>
/// The per-bitstream CPU work the path does besides moving bytes, measured alone on this thread: the validation the SDK
/// and the service each run, the JSON (base64) round trip of the bus command, and the simulated FPGA's load.
/// </summary>
internal static class CpuCosts
{
    public static IReadOnlyList<(string What, double Ms)> Measure(int count)
    {
        var bitstreams = Enumerable.Range(0, Math.Max(1, count)).Select(i => BitstreamGenerator.Generate(new CircuitDesign(1_000 + i, Seed: i))).ToList();
        var command = new EvaluateBitstream(Guid.NewGuid(), "client", Guid.NewGuid(), Guid.NewGuid(), "SERIAL", "label", bitstreams[0]);
        var json = JsonSerializer.SerializeToUtf8Bytes(command);
        return
        [
            ("BitstreamValidator.Validate (SDK and service each run it)", Time(bitstreams, b => BitstreamValidator.Validate(b).IsValid)),
            ("EvaluateBitstream → JSON (base64 body, as MassTransit sends it)", Time(bitstreams, _ => JsonSerializer.SerializeToUtf8Bytes(command).Length > 0)),
            ("JSON → EvaluateBitstream (the worker's deserialisation)", Time(bitstreams, _ => JsonSerializer.Deserialize<EvaluateBitstream>(json) is not null)),
            ("SimulatedFpga.Load (the simulator decodes the CRAM)", Time(bitstreams, b => SimulatedFpga.Load(b).GetHashCode() != 0)),
        ];
    }

    private static double Time(List<byte[]> bitstreams, Func<byte[], bool> work)
    {
        var sink = 0;
        foreach (var b in bitstreams.Take(5))
        {
            sink += work(b) ? 1 : 0; // warm-up (JIT, tiering)
        }

        // Process CPU time, not wall time: the machine is shared, and nothing else in this process runs meanwhile.
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        foreach (var b in bitstreams)
        {
            sink += work(b) ? 1 : 0;
        }

        GC.KeepAlive(sink);
        return (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / bitstreams.Count;
    }
}
