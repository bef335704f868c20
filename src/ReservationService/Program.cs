using IceFarm.ReservationService;

await ReservationServiceApp.Build(args).RunAsync();
