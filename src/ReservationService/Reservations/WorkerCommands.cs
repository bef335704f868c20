using IceFarm.Contracts;
using IceFarm.Contracts.Workers;
using MassTransit;

namespace IceFarm.ReservationService.Reservations;

/// <summary>Sends commands to one worker's queue.</summary>
internal sealed class WorkerCommands(ISendEndpointProvider endpoints)
{
    public async Task SendAsync<T>(string worker, T command, CancellationToken ct)
        where T : class, IMessage
    {
        var endpoint = await endpoints.GetSendEndpoint(WorkerQueues.AddressOf(worker));
        await endpoint.Send(command, ct);
    }
}
