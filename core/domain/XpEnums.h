#pragma once

#include <QByteArrayView>
#include <QString>
#include <QStringList>

#include <optional>

// The two Prisma enums of the ledger, spelled exactly as the live schema spells them.
enum class SourceType { UserProblemAttempt, ManualAdjustment, SpecialAchievement, DailyStreak };
enum class Category { CorrectAnswer, StreakBonus, Achievement, Manual };

namespace XpEnums {

QString name(SourceType type);
QString name(Category category);
// Readable, translated names ("Problem attempt", "Streak bonus") for tables, charts and filters.
QString label(SourceType type);
QString label(Category category);
std::optional<SourceType> sourceTypeFromName(const QString &name);
std::optional<Category> categoryFromName(const QString &name);
// The same from the name's bytes as the database hands them out (rows read without a QString).
std::optional<SourceType> sourceTypeFromName(QByteArrayView name);
std::optional<Category> categoryFromName(QByteArrayView name);
const QStringList &sourceTypeNames();
const QStringList &categoryNames();

} // namespace XpEnums
