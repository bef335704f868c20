namespace IceFarm.Bench.Sdk;

/// <summary>The raw hop's message: an id and a bitstream-sized body, serialised as the farm's commands are (MassTransit's JSON).</summary>
/// <param name="Id">Which message this is.</param>
/// <param name="Body">104,090 bytes.</param>
internal sealed record HopMessage(Guid Id, byte[] Body);
