using IceFarm.ReservationService.Queue;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IceFarm.ReservationService.Tests.Queue;

/// <summary>A request is registered before its document commits; the line's look must not take it for removed meanwhile.</summary>
public sealed class When_a_request_is_registered_before_it_is_stored(ReservationServiceHost service) : IClassFixture<ReservationServiceHost>
{
    [Fact(Timeout = 60_000)]
    public async Task The_lines_look_leaves_it_waiting_and_answers_it_once_stored_and_removed()
    {
        var held = service.Services.GetRequiredService<HeldRequests>();
        var line = service.Services.GetRequiredService<WaitingLine>();
        var id = Guid.NewGuid();
        var outcome = held.Register(id);
        try
        {
            // No document yet, as between the registration and the insert's commit.
            await line.LookAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.False(outcome.IsCompleted, "a request not yet stored was answered as removed");

            // Stored and then gone (a server removed it): now the look answers it.
            held.MarkStored(id);
            await line.LookAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Null(await outcome.WaitAsync(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            held.Remove(id);
        }
    }
}
