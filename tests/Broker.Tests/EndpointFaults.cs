using MassTransit;

namespace IceFarm.Broker.Tests;

/// <summary>The first fault of a bus's receive endpoints (a connection that could not be made), as a task to wait on.</summary>
public sealed class EndpointFaults : IReceiveEndpointObserver
{
    private readonly TaskCompletionSource<Exception> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<Exception> First => _first.Task;

    public Task Faulted(ReceiveEndpointFaulted faulted)
    {
        _first.TrySetResult(faulted.Exception ?? new InvalidOperationException("The endpoint faulted without an exception."));
        return Task.CompletedTask;
    }

    public Task Ready(ReceiveEndpointReady ready) => Task.CompletedTask;

    public Task Stopping(ReceiveEndpointStopping stopping) => Task.CompletedTask;

    public Task Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;
}
