#include "tests/benchmarks/LoadRows.h"

#include "core/domain/Cuid.h"
#include "core/domain/Timestamp.h"
#include "core/domain/XpEnums.h"

#include <QRandomGenerator>

LoadRows LoadRows::generate(const QStringList &userIds, int count, quint32 seed)
{
    Q_ASSERT(!userIds.isEmpty());
    LoadRows rows;
    rows.m_text.reserve(count);
    rows.m_utf8.reserve(count);
    rows.m_amounts.reserve(count);
    QRandomGenerator random(seed);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (int i = 0; i < count; ++i) {
        const bool streak = random.bounded(100u) < 15;
        std::array<QString, TextCount> text;
        text[Id] = Cuid::generate();
        text[UserId] = userIds.at(random.bounded(static_cast<quint32>(userIds.size())));
        text[SourceType] = XpEnums::name(streak ? ::SourceType::DailyStreak : ::SourceType::UserProblemAttempt);
        text[SourceId] = QStringLiteral("bench-load-%1").arg(i);
        text[Description] = streak ? QStringLiteral("%1-day streak bonus").arg(2 + random.bounded(30u))
                                   : QStringLiteral("Correct answer: problem #%1 (medium)").arg(random.bounded(5000u));
        text[Category] = XpEnums::name(streak ? ::Category::StreakBonus : ::Category::CorrectAnswer);
        text[CreatedAt]
            = Timestamp::toSql(QDateTime::fromMSecsSinceEpoch(now - random.bounded(90 * 24 * 3600 * 1000u), Qt::UTC));
        rows.append(std::move(text), static_cast<qint32>(10 * (1 + random.bounded(6u))));
    }
    return rows;
}

void LoadRows::append(std::array<QString, TextCount> text, qint32 amount)
{
    std::array<QByteArray, TextCount> utf8;
    for (int column = 0; column < TextCount; ++column)
        utf8[column] = text[column].toUtf8();
    m_text.push_back(std::move(text));
    m_utf8.push_back(std::move(utf8));
    m_amounts.push_back(amount);
}

QVariantList LoadRows::values(int row) const
{
    const auto &text = m_text.at(row);
    return {text[Id],          text[UserId],   m_amounts.at(row), text[SourceType], text[SourceId],
            text[Description], text[Category], text[CreatedAt],   text[CreatedAt]};
}
