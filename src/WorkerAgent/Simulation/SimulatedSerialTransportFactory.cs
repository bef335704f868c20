using IceFarm.WorkerAgent.Boards;

namespace IceFarm.WorkerAgent.Simulation;

/// <summary>Serial transports onto simulated boards.</summary>
internal sealed class SimulatedSerialTransportFactory(SimulatedFarm farm) : ISerialTransportFactory
{
    /// <inheritdoc />
    public ISerialTransport Create(string portName) => new SimulatedPort(portName, farm.FindByPort(portName));
}
