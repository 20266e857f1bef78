#include "ui/charts/ChartRangeBar.h"

#include <QComboBox>
#include <QDataStream>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSignalBlocker>

namespace {

constexpr quint32 StateMagic = 0x58504352; // "XPCR"
constexpr quint8 StateVersion = 1;

} // namespace

ChartRangeBar::ChartRangeBar(QWidget *parent)
    : QWidget(parent),
      m_preset(new QComboBox(this)),
      m_first(new QDateEdit(this)),
      m_dash(new QLabel(QStringLiteral("–"), this)),
      m_last(new QDateEdit(this))
{
    m_preset->setObjectName(QStringLiteral("chartRange"));
    m_preset->addItem(tr("Last 7 days"), int(Preset::Last7Days));
    m_preset->addItem(tr("Last 30 days"), int(Preset::Last30Days));
    m_preset->addItem(tr("Last 90 days"), int(Preset::Last90Days));
    m_preset->addItem(tr("Last year"), int(Preset::LastYear));
    m_preset->addItem(tr("All"), int(Preset::All));
    m_preset->addItem(tr("Custom…"), int(Preset::Custom));
    m_preset->setCurrentIndex(int(Preset::Last30Days));
    m_preset->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_preset->setToolTip(tr("The days charted, up to today (local time); Custom picks the days"));

    const QDate today = QDate::currentDate();
    for (QDateEdit *edit : {m_first, m_last}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat));
        edit->setMaximumDate(today.addYears(1));
    }
    m_first->setObjectName(QStringLiteral("chartFirstDay"));
    m_last->setObjectName(QStringLiteral("chartLastDay"));
    m_first->setDate(today.addDays(-29));
    m_last->setDate(today);
    m_first->setToolTip(tr("First day charted (from its start, local time)"));
    m_last->setToolTip(tr("Last day charted (to its end, local time)"));

    connect(m_preset, &QComboBox::currentIndexChanged, this, [this] {
        updateCustomVisibility();
        emit rangeChanged();
    });
    connect(m_first, &QDateEdit::dateChanged, this, [this](QDate date) {
        if (m_last->date() < date) {
            const QSignalBlocker blocker(m_last);
            m_last->setDate(date);
        }
        emit rangeChanged();
    });
    connect(m_last, &QDateEdit::dateChanged, this, [this](QDate date) {
        if (m_first->date() > date) {
            const QSignalBlocker blocker(m_first);
            m_first->setDate(date);
        }
        emit rangeChanged();
    });

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_preset);
    layout->addWidget(m_first);
    layout->addWidget(m_dash);
    layout->addWidget(m_last);
    updateCustomVisibility();
}

ChartRangeBar::Preset ChartRangeBar::preset() const
{
    return static_cast<Preset>(m_preset->currentData().toInt());
}

void ChartRangeBar::setPreset(Preset preset)
{
    m_preset->setCurrentIndex(m_preset->findData(int(preset)));
}

void ChartRangeBar::setCustomRange(const QDate &first, const QDate &last)
{
    {
        const QSignalBlocker blockFirst(m_first);
        const QSignalBlocker blockLast(m_last);
        const QSignalBlocker blockPreset(m_preset);
        m_first->setDate(std::min(first, last));
        m_last->setDate(std::max(first, last));
        m_preset->setCurrentIndex(m_preset->findData(int(Preset::Custom)));
    }
    updateCustomVisibility();
    emit rangeChanged();
}

std::pair<QDate, QDate> ChartRangeBar::range(const QDate &today) const
{
    switch (preset()) {
    case Preset::Last7Days:
        return {today.addDays(-6), today};
    case Preset::Last30Days:
        return {today.addDays(-29), today};
    case Preset::Last90Days:
        return {today.addDays(-89), today};
    case Preset::LastYear:
        return {today.addYears(-1).addDays(1), today};
    case Preset::All:
        return {};
    case Preset::Custom:
        return {m_first->date(), m_last->date()};
    }
    return {};
}

std::pair<QDateTime, QDateTime> ChartRangeBar::period(const QDate &today) const
{
    const auto [first, last] = range(today);
    QDateTime since;
    QDateTime until;
    if (first.isValid())
        since = first.startOfDay().toUTC();
    if (last.isValid() && last < today)
        until = last.addDays(1).startOfDay().toUTC();
    return {since, until};
}

void ChartRangeBar::updateCustomVisibility()
{
    const bool custom = preset() == Preset::Custom;
    m_first->setVisible(custom);
    m_dash->setVisible(custom);
    m_last->setVisible(custom);
}

QByteArray ChartRangeBar::saveState() const
{
    QByteArray state;
    QDataStream out(&state, QIODevice::WriteOnly);
    out << StateMagic << StateVersion << qint32(preset()) << m_first->date() << m_last->date();
    return state;
}

bool ChartRangeBar::restoreState(const QByteArray &state)
{
    QDataStream in(state);
    quint32 magic = 0;
    quint8 version = 0;
    qint32 preset = 0;
    QDate first;
    QDate last;
    in >> magic >> version >> preset >> first >> last;
    if (in.status() != QDataStream::Ok || magic != StateMagic || version != StateVersion
        || m_preset->findData(preset) < 0)
        return false;
    {
        const QSignalBlocker blockFirst(m_first);
        const QSignalBlocker blockLast(m_last);
        const QSignalBlocker blockPreset(m_preset);
        if (first.isValid() && last.isValid() && first <= last) {
            m_first->setDate(first);
            m_last->setDate(last);
        }
        m_preset->setCurrentIndex(m_preset->findData(preset));
    }
    updateCustomVisibility();
    emit rangeChanged();
    return true;
}
