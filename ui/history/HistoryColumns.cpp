#include "ui/history/HistoryColumns.h"

#include "models/HistoryModel.h"
#include "models/XpFormat.h"

#include <QEvent>
#include <QHeaderView>
#include <QLocale>
#include <QStyle>
#include <QTableView>

#include <algorithm>

HistoryColumns::HistoryColumns(QTableView *table) : QObject(table), m_table(table)
{
    QHeaderView *header = table->horizontalHeader();
    const QFontMetrics metrics = table->fontMetrics();
    const QString sampleTime
        = QLocale().toString(QDateTime(QDate(2026, 12, 28), QTime(23, 58, 58)), XpFormat::timePattern());
    const int digit = metrics.horizontalAdvance(QLatin1Char('8'));
    header->resizeSection(HistoryModel::Time, metrics.horizontalAdvance(sampleTime) + 24);
    header->resizeSection(HistoryModel::Amount, digit * 8);
    header->resizeSection(HistoryModel::Balance, digit * 11);
    // The longest source type whole, in every language.
    int sourceTypeWidth = digit * 12;
    for (const SourceType type : {SourceType::UserProblemAttempt, SourceType::DailyStreak,
                                  SourceType::SpecialAchievement, SourceType::ManualAdjustment})
        sourceTypeWidth = std::max(sourceTypeWidth, metrics.horizontalAdvance(XpEnums::label(type)) + 16);
    header->resizeSection(HistoryModel::SourceType, sourceTypeWidth);
    header->resizeSection(HistoryModel::Category, digit * 17);
    header->resizeSection(HistoryModel::User, digit * 20);
    // The free text beside the description (FreeTextColumns) gives room when it is short.
    // Narrowed, a column keeps its header whole.
    const int margins = 2 * header->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, header) + digit;
    for (const auto &[column, preferred] :
         {std::pair{HistoryModel::SourceId, digit * 12}, {HistoryModel::Id, digit * 27}}) {
        const QString title = table->model()->headerData(column, Qt::Horizontal).toString();
        const int floor = std::max(digit * 6, header->fontMetrics().horizontalAdvance(title) + margins);
        m_giving.insert(column, {preferred, std::min(floor, preferred), preferred});
        header->resizeSection(column, preferred);
    }
    // The description takes the room the other columns leave, so that no column starts behind a
    // horizontal scroll bar; the transaction ID is one right-click away (header menu, Copy ID).
    header->setSectionResizeMode(HistoryModel::Description, QHeaderView::Stretch);
    header->setMinimumSectionSize(digit * 6);
    m_descriptionMinimum = digit * 24;
    table->viewport()->installEventFilter(this);
}

void HistoryColumns::fit()
{
    QHeaderView *header = m_table->horizontalHeader();
    if (header->isSectionHidden(HistoryModel::Description))
        return;
    // Columns whose width is still the one set here are fitted; one resized by hand (or restored
    // from the last session) stays as it is.
    QList<int> fitted;
    int others = 0;
    int wanted = 0;
    int giving = 0; // what the fitted columns can give
    for (int column = 0; column < header->count(); ++column) {
        if (column == HistoryModel::Description || header->isSectionHidden(column))
            continue;
        const auto room = m_giving.constFind(column);
        if (room == m_giving.cend() || header->sectionSize(column) != room->set) {
            others += header->sectionSize(column);
            continue;
        }
        fitted << column;
        wanted += room->preferred;
        giving += room->preferred - room->floor;
    }
    const int missing = std::clamp(m_descriptionMinimum - (m_table->viewport()->width() - others - wanted), 0, giving);
    for (const int column : std::as_const(fitted)) {
        Room &room = m_giving[column];
        const int gives = giving == 0 ? 0 : int((qint64(room.preferred - room.floor) * missing + giving - 1) / giving);
        room.set = room.preferred - gives;
        header->resizeSection(column, room.set);
    }
}

bool HistoryColumns::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table->viewport() && event->type() == QEvent::Resize)
        fit();
    return QObject::eventFilter(watched, event);
}
