using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Meshy3D.Generation.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class FollowMeshy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CreateStartedAt",
                table: "jobs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LeaseExpiresAt",
                table: "jobs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LeaseOwner",
                table: "jobs",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MeshyStage",
                table: "jobs",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Done");

            migrationBuilder.AddColumn<string>(
                name: "PreviewTaskId",
                table: "jobs",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "QueuedAt",
                table: "jobs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RefineTaskId",
                table: "jobs",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            // "xmin" (the row version) is PostgreSQL's own system column: nothing to add.

            migrationBuilder.CreateTable(
                name: "meshy_requests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meshy_requests", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_jobs_Status_QueuedAt",
                table: "jobs",
                columns: new[] { "Status", "QueuedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_meshy_requests_SentAt",
                table: "meshy_requests",
                column: "SentAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "meshy_requests");

            migrationBuilder.DropIndex(
                name: "IX_jobs_Status_QueuedAt",
                table: "jobs");

            migrationBuilder.DropColumn(
                name: "CreateStartedAt",
                table: "jobs");

            migrationBuilder.DropColumn(
                name: "LeaseExpiresAt",
                table: "jobs");

            migrationBuilder.DropColumn(
                name: "LeaseOwner",
                table: "jobs");

            migrationBuilder.DropColumn(
                name: "MeshyStage",
                table: "jobs");

            migrationBuilder.DropColumn(
                name: "PreviewTaskId",
                table: "jobs");

            migrationBuilder.DropColumn(
                name: "QueuedAt",
                table: "jobs");

            migrationBuilder.DropColumn(
                name: "RefineTaskId",
                table: "jobs");

        }
    }
}
