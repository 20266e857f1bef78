#pragma once

#include <QString>

// Collision-resistant ids in the format of Prisma's @default(cuid()): "c", a base-36 timestamp,
// a per-process counter, a host fingerprint and random blocks, 25 characters in all. XP Admin
// writes ids itself because the database has no default for them.
namespace Cuid {

QString generate();
bool looksValid(const QString &id);

} // namespace Cuid
