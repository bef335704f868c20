namespace IceFarm.Bench.Sdk;

/// <summary>One raw-hop measurement.</summary>
/// <param name="Messages">Messages sent (after the warm-up).</param>
/// <param name="InFlight">Sends awaiting the broker's confirm at a time.</param>
/// <param name="SendWall">Until the last send was confirmed.</param>
/// <param name="Wall">Until the last message was consumed.</param>
/// <param name="PayloadBytes">The byte[] carried (104,090).</param>
/// <param name="WireBytes">The message as it crossed the broker (envelope, base64 body).</param>
/// <param name="Cpu">CPU time of this process (producer and consumer; the broker is another process).</param>
/// <param name="Machine">CPU of the whole machine meanwhile, split by process.</param>
internal sealed record RawHopResult(int Messages, int InFlight, TimeSpan SendWall, TimeSpan Wall, int PayloadBytes, long WireBytes, TimeSpan Cpu, MachineCpu Machine)
{
    public double PerSecond => Messages / Wall.TotalSeconds;

    public double CpuMsPerMessage => Cpu.TotalMilliseconds / Messages;
}
