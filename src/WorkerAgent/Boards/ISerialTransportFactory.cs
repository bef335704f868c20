namespace IceFarm.WorkerAgent.Boards;

/// <summary>Creates unopened transports for port names that discovery reported.</summary>
internal interface ISerialTransportFactory
{
    /// <summary>A transport for <paramref name="portName"/>; opening it fails if the port does not exist.</summary>
    ISerialTransport Create(string portName);
}
