using IceFarm.WorkerAgent.Boards;

namespace IceFarm.Bench.Boards;

/// <summary>Opens the simulated ports through <see cref="PortTap"/>.</summary>
internal sealed class PortTapFactory(ISerialTransportFactory inner, PortTimeline timeline) : ISerialTransportFactory
{
    public ISerialTransport Create(string portName) => new PortTap(inner.Create(portName), timeline);
}
