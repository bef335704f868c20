using IceFarm.Contracts;
using IceFarm.Contracts.Workers;
using IceFarm.ReservationService.Hosting;
using MassTransit;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace IceFarm.ReservationService.Reservations;

/// <summary>Sends commands to one worker's queue and publishes the service's events, waiting out a broker outage.</summary>
/// <remarks>
/// A send that meets a closed connection (a broker restart, a crash) fails at once in MassTransit; the command is not
/// lost only if it is tried again once the connection is back. Attempts go on, with back-off, until
/// <see cref="BrokerOptions.SendTimeout"/>, then fail with <see cref="TimeoutRejectedException"/>; one attempt is abandoned
/// after <see cref="BrokerOptions.AttemptTimeout"/> (a send caught by the connection's drop can otherwise wait for ever). A send retried after its
/// confirm was lost can arrive twice; every command is idempotent at the worker and every outcome is ended once by its ticket.
/// </remarks>
internal sealed class WorkerCommands
{
    private readonly ISendEndpointProvider _endpoints;
    private readonly IBus _publisher;
    private readonly ResiliencePipeline _pipeline;

    public WorkerCommands(
        ISendEndpointProvider endpoints, IBus publisher, IOptions<BrokerOptions> options, TimeProvider time, ILogger<WorkerCommands> logger)
    {
        _endpoints = endpoints;
        _publisher = publisher;
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddTimeout(options.Value.SendTimeout)
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(100),
                MaxDelay = options.Value.MaxRetryDelay,
                OnRetry = args =>
                {
                    if (args.AttemptNumber % 10 == 0)
                    {
                        logger.LogWarning(args.Outcome.Exception, "The broker refused a send or publish {Attempts} times; still trying", args.AttemptNumber + 1);
                    }

                    return default;
                },
            })
            // Inner: an attempt stuck on a connection that dropped under it is abandoned and retried on the new one.
            .AddTimeout(options.Value.AttemptTimeout)
            .Build();
    }

    public Task SendAsync<T>(string worker, T command, CancellationToken ct)
        where T : class, IMessage =>
        _pipeline.ExecuteAsync(
            static async (state, token) =>
            {
                var endpoint = await state.Endpoints.GetSendEndpoint(WorkerQueues.AddressOf(state.Worker));
                await endpoint.Send(state.Command, token);
            },
            (Endpoints: _endpoints, Worker: worker, Command: command),
            ct).AsTask();

    public Task PublishAsync<T>(T message, CancellationToken ct)
        where T : class =>
        _pipeline.ExecuteAsync(
            static async (state, token) => await state.Publisher.Publish(state.Message, token),
            (Publisher: _publisher, Message: message),
            ct).AsTask();
}
