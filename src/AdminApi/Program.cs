using IceFarm.AdminApi;

await AdminApiApp.Build(args).RunAsync();
