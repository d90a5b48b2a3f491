using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Meshy3D.Prompt.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class EnhancementCache : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Cached",
                table: "enhancements",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string[]>(
                name: "Variants",
                table: "enhancements",
                type: "text[]",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "enhancement_cache",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Model = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    EnhancedPrompt = table.Column<string>(type: "character varying(600)", maxLength: 600, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enhancement_cache", x => x.Key);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "enhancement_cache");

            migrationBuilder.DropColumn(
                name: "Cached",
                table: "enhancements");

            migrationBuilder.DropColumn(
                name: "Variants",
                table: "enhancements");
        }
    }
}
