#include "core/domain/XpEnums.h"

#include <QCoreApplication>

#include <algorithm>
#include <array>

namespace XpEnums {

const QStringList &sourceTypeNames()
{
    static const QStringList names{QStringLiteral("USER_PROBLEM_ATTEMPT"), QStringLiteral("MANUAL_ADJUSTMENT"),
                                   QStringLiteral("SPECIAL_ACHIEVEMENT"), QStringLiteral("DAILY_STREAK")};
    return names;
}

const QStringList &categoryNames()
{
    static const QStringList names{QStringLiteral("CORRECT_ANSWER"), QStringLiteral("STREAK_BONUS"),
                                   QStringLiteral("ACHIEVEMENT"), QStringLiteral("MANUAL")};
    return names;
}

QString name(SourceType type)
{
    return sourceTypeNames().at(static_cast<int>(type));
}

QString name(Category category)
{
    return categoryNames().at(static_cast<int>(category));
}

QString label(SourceType type)
{
    switch (type) {
    case SourceType::UserProblemAttempt:
        return QCoreApplication::translate("XpEnums", "Problem attempt");
    case SourceType::ManualAdjustment:
        return QCoreApplication::translate("XpEnums", "Manual adjustment");
    case SourceType::SpecialAchievement:
        return QCoreApplication::translate("XpEnums", "Special achievement");
    case SourceType::DailyStreak:
        return QCoreApplication::translate("XpEnums", "Daily streak");
    }
    return {};
}

QString label(Category category)
{
    switch (category) {
    case Category::CorrectAnswer:
        return QCoreApplication::translate("XpEnums", "Correct answer");
    case Category::StreakBonus:
        return QCoreApplication::translate("XpEnums", "Streak bonus");
    case Category::Achievement:
        return QCoreApplication::translate("XpEnums", "Achievement");
    case Category::Manual:
        return QCoreApplication::translate("XpEnums", "Manual");
    }
    return {};
}

std::optional<SourceType> sourceTypeFromName(const QString &name)
{
    const qsizetype index = sourceTypeNames().indexOf(name);
    if (index < 0)
        return std::nullopt;
    return static_cast<SourceType>(index);
}

std::optional<Category> categoryFromName(const QString &name)
{
    const qsizetype index = categoryNames().indexOf(name);
    if (index < 0)
        return std::nullopt;
    return static_cast<Category>(index);
}

std::optional<SourceType> sourceTypeFromName(QByteArrayView name)
{
    // In the order of the enum, as sourceTypeNames().
    static constexpr std::array<QByteArrayView, 4> Names{"USER_PROBLEM_ATTEMPT", "MANUAL_ADJUSTMENT",
                                                         "SPECIAL_ACHIEVEMENT", "DAILY_STREAK"};
    const auto found = std::find(Names.begin(), Names.end(), name);
    if (found == Names.end())
        return std::nullopt;
    return static_cast<SourceType>(found - Names.begin());
}

std::optional<Category> categoryFromName(QByteArrayView name)
{
    static constexpr std::array<QByteArrayView, 4> Names{"CORRECT_ANSWER", "STREAK_BONUS", "ACHIEVEMENT", "MANUAL"};
    const auto found = std::find(Names.begin(), Names.end(), name);
    if (found == Names.end())
        return std::nullopt;
    return static_cast<Category>(found - Names.begin());
}

} // namespace XpEnums
