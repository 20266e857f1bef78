#pragma once

#include "core/domain/XpEnums.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>

#include <array>

class SqlRows;

constexpr int CategoryCount = 4; // the values of enum class Category, in declaration order
constexpr int SourceTypeCount = 4; // the values of enum class SourceType, in declaration order

// The four charts of XP, by name (as on the command line and in the menus).
enum class ChartKind { CategoryShare, OverTime, SourceType, TopUsers };

namespace ChartKinds {
QString name(ChartKind kind); // "category-share", "over-time", "source-type", "top-users"
QString title(ChartKind kind); // translated, for window and file titles
std::optional<ChartKind> fromName(const QString &name);
QStringList names();
} // namespace ChartKinds

// The calendar periods of the time axis, in the local time zone; weeks start on Monday.
enum class BucketUnit { Day, Week, Month };

// What to chart: one user or everyone, over whole local days [first, last]. An invalid first
// means from the first transaction, an invalid last up to the last one (the "All" range).
struct ChartRequest
{
    QString userId; // empty: everyone (the top-users chart is always of everyone)
    QDate first;
    QDate last;
    int topUsers = 10;
    QDateTime asOf; // the ledger as it stood then (AsOfRows); invalid: now
};

// XP summed per category, per category and source type, per category and time bucket.
struct CategorySums
{
    std::array<qint64, CategoryCount> xp{};
    std::array<qint64, CategoryCount> transactions{};

    qint64 totalXp() const;
    qint64 totalTransactions() const;
};

struct TopUser
{
    QString userId;
    QString email;
    QString name;
    qint64 xp = 0;
    qint64 transactions = 0;

    QString displayName() const; // the name, else the email, else the id
    // The rows of a leaderboard's statement: user id, email, name, XP, transactions.
    static QList<TopUser> readAll(SqlRows &rows);
};

// Every figure the charts show, from one request.
struct ChartData
{
    ChartRequest request;
    QDate first; // the range actually charted (for "All": the first and last transaction's days)
    QDate last;
    BucketUnit unit = BucketUnit::Day;
    QList<QDate> buckets; // every bucket start from first to last, with no gaps
    CategorySums byCategory; // over the whole range
    std::array<CategorySums, SourceTypeCount> bySourceType; // [source type] split by category
    QList<CategorySums> overTime; // one per bucket, zero where nothing happened
    QList<TopUser> topUsers; // largest XP first

    bool isEmpty() const { return byCategory.totalTransactions() == 0; }
};

namespace ChartBuckets {
// The unit that fits a range: days up to 31 days, weeks up to 26 weeks, months beyond.
BucketUnit unitFor(const QDate &first, const QDate &last);
// The start of the bucket holding date.
QDate bucketStart(const QDate &date, BucketUnit unit);
// Every bucket start from first's bucket to last's bucket.
QList<QDate> buckets(const QDate &first, const QDate &last, BucketUnit unit);
// A short label: "Nov 23" for days and weeks, "Nov 2026" for months.
QString label(const QDate &bucket, BucketUnit unit);
QString unitName(BucketUnit unit); // "day", "week", "month"
// The local days of a since (inclusive) or until (exclusive) instant; invalid stays invalid.
QDate firstDay(const QDateTime &since);
QDate lastDay(const QDateTime &until);
} // namespace ChartBuckets
