using Marten;

namespace IceFarm.ReservationService.Reservations;

internal static class ReservationsSetup
{
    public static WebApplicationBuilder AddReservations(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReservationOptions>().BindConfiguration(ReservationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<Evaluations.EvaluationOptions>().BindConfiguration(Evaluations.EvaluationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<FreeBoardIndex>();
        builder.Services.ConfigureMarten((sp, options) => options.Listeners.Add(new FreeBoardListener(sp.GetRequiredService<FreeBoardIndex>())));
        builder.Services.AddSingleton<FreeBoardIndexLoader>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<FreeBoardIndexLoader>());
        builder.Services.AddSingleton<DeviceAllocator>();
        builder.Services.AddOptions<LeaseOptions>().BindConfiguration(LeaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<Model.ReservationHandler>();
        builder.Services.AddSingleton<ReservationEnder>();
        builder.Services.AddSingleton<ReservationExtender>();
        builder.Services.AddSingleton<KeepAliveRenewer>();
        builder.Services.AddSingleton<Devices.DeviceActions>();
        builder.Services.AddSingleton<Devices.FailedBoardReaction>();
        builder.Services.AddSingleton<BoardReplacer>();
        builder.Services.AddSingleton<Evaluations.EvaluationTickets>();
        builder.Services.AddSingleton<Evaluations.EvaluationOutcomes>();
        builder.Services.AddSingleton<ReservationPreparer>();
        builder.Services.AddSingleton<BoardsFreedSignal>();
        builder.Services.AddSingleton<LeaseMonitor>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LeaseMonitor>());
        builder.Services.AddOptions<Workers.LivenessOptions>().BindConfiguration(Workers.LivenessOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<Workers.WorkerLivenessMonitor>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Workers.WorkerLivenessMonitor>());
        Drain.DrainSetup.AddDrain(builder);
        return builder;
    }
}
