#include "ui/common/AsOfPopup.h"

#include "models/LedgerMoment.h"
#include "models/XpFormat.h"

#include <QDateTimeEdit>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QScreen>
#include <QVBoxLayout>

AsOfPopup::AsOfPopup(LedgerMoment *moment, QWidget *parent)
    : QFrame(parent, Qt::Popup),
      m_moment(moment),
      m_edit(new QDateTimeEdit(this)),
      m_show(new QPushButton(tr("&Show"), this)),
      m_now(new QPushButton(tr("&Now"), this))
{
    setObjectName(QStringLiteral("asOfPopup"));
    setFrameShape(QFrame::StyledPanel);
    auto *label = new QLabel(tr("Show the ledger as it stood at:"), this);
    label->setBuddy(m_edit);
    m_edit->setObjectName(QStringLiteral("asOfEdit"));
    m_edit->setCalendarPopup(true);
    m_edit->setTimeSpec(Qt::LocalTime);
    m_edit->setDisplayFormat(XpFormat::datePattern() + QStringLiteral(" HH:mm:ss"));
    m_edit->setMinimumWidth(m_edit->fontMetrics().horizontalAdvance(QStringLiteral("28.12.2026 23:58:58")) + 48);
    m_edit->setMinimumDate(QDate(2000, 1, 1));
    m_edit->setToolTip(tr("Local time. The rows that existed then, with the totals they summed to, are rebuilt "
                          "from today's rows and the audit log."));
    m_show->setObjectName(QStringLiteral("asOfShow"));
    m_show->setDefault(true);
    m_show->setToolTip(tr("Show the History, Charts and Users as of this moment (Enter)"));
    m_now->setObjectName(QStringLiteral("asOfNow"));
    m_now->setToolTip(tr("Show today's ledger again"));
    connect(m_show, &QPushButton::clicked, this, &AsOfPopup::apply);
    connect(m_now, &QPushButton::clicked, this, [this] {
        m_moment->clear();
        close();
    });
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_now);
    buttons->addWidget(m_show);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->addWidget(label);
    layout->addWidget(m_edit);
    layout->addLayout(buttons);
}

void AsOfPopup::open(QWidget *anchor)
{
    const QDateTime now = QDateTime::currentDateTime();
    m_edit->setMaximumDateTime(now.addSecs(60));
    m_edit->setDateTime(m_moment->isPast() ? m_moment->moment().toLocalTime() : now);
    m_now->setEnabled(m_moment->isPast());
    adjustSize();
    QPoint at = anchor->mapToGlobal(QPoint(0, anchor->height()));
    if (const QScreen *screen = anchor->screen()) {
        const QRect room = screen->availableGeometry();
        at.setX(std::clamp(at.x(), room.left(), std::max(room.left(), room.right() - width())));
    }
    move(at);
    show();
    m_edit->setFocus(Qt::PopupFocusReason);
    m_edit->setSelectedSection(QDateTimeEdit::DaySection);
}

void AsOfPopup::apply()
{
    QDateTime chosen = m_edit->dateTime();
    // A moment still to come is today's ledger.
    m_moment->setMoment(chosen >= QDateTime::currentDateTime() ? QDateTime() : chosen.toUTC());
    close();
}

void AsOfPopup::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        apply();
        return;
    }
    QFrame::keyPressEvent(event);
}
