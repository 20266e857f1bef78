#include "ui/history/NewRowsBar.h"

#include "models/CategoryPalette.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>

NewRowsBar::NewRowsBar(QWidget *parent) : QFrame(parent), m_text(new QLabel(this)), m_show(new QPushButton(this))
{
    setObjectName(QStringLiteral("newRowsBar"));
    m_text->setObjectName(QStringLiteral("newRowsText"));
    m_text->setTextFormat(Qt::PlainText);
    m_text->setWordWrap(true);
    m_text->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_show->setObjectName(QStringLiteral("newRowsShow"));
    connect(m_show, &QPushButton::clicked, this, &NewRowsBar::showRequested);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 4, 6, 4);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_show, 0, Qt::AlignVCenter);
    applyStyle();
    hide();
}

void NewRowsBar::setCounts(qint64 newRows, int cap, int removed)
{
    if (newRows <= 0 && removed <= 0) {
        hide();
        return;
    }
    QStringList parts;
    if (newRows > cap)
        parts << tr("More than %1 new transactions").arg(QLocale().toString(cap));
    else if (newRows > 0)
        parts << tr("%Ln new transaction(s)", nullptr, static_cast<int>(newRows));
    if (removed > 0)
        parts << tr("%Ln removed since (struck through)", nullptr, removed);
    m_text->setText(parts.join(QStringLiteral(" · ")));
    if (newRows > 0) {
        m_show->setText(tr("&Show Them"));
        m_show->setToolTip(tr("Read the history again from the newest transaction, keeping the filters and the "
                              "selected rows (Alt+S)"));
    } else {
        m_show->setText(tr("&Reload"));
        m_show->setToolTip(tr("Read the history again without the removed rows, keeping the filters and the "
                              "selected rows (Alt+R)"));
    }
    show();
}

QString NewRowsBar::text() const
{
    return isHidden() ? QString() : m_text->text();
}

void NewRowsBar::applyStyle()
{
    // The colours of InlineMessage's information band.
    const bool dark = CategoryPalette::isDark(palette());
    setStyleSheet(QStringLiteral("NewRowsBar { background: %1; border: 1px solid %2; border-radius: 4px; } "
                                 "QLabel { color: %3; background: transparent; }")
                      .arg(QLatin1String(dark ? "#1d3349" : "#eaf2fb"), QLatin1String(dark ? "#4a76a8" : "#a9c6e8"),
                           QLatin1String(dark ? "#d6e8ff" : "#173f6b")));
}
