using IceFarm.WorkerAgent.Boards;
using Microsoft.Extensions.Logging;

namespace IceFarm.WorkerAgent.Linux;

/// <summary>Opens real ttys through System.IO.Ports.</summary>
internal sealed class SerialPortTransportFactory(TimeSpan closeDeadline, TimeProvider time, ILoggerFactory loggers) : ISerialTransportFactory
{
    private readonly ILogger _logger = loggers.CreateLogger<SerialPortTransport>();

    /// <inheritdoc />
    public ISerialTransport Create(string portName) => new SerialPortTransport(portName, closeDeadline, time, _logger);
}
