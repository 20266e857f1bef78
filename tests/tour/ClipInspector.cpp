#include "tests/tour/ClipInspector.h"

#include "models/FreeTextColumns.h"

#include <QAbstractScrollArea>
#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScreen>
#include <QScrollBar>
#include <QSizeGrip>
#include <QStatusBar>
#include <QStyleOption>
#include <QTabBar>
#include <QTableView>
#include <QTextDocumentFragment>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>

namespace {

// The text as drawn: "&Adjust" shows as "Adjust", "&&" as "&".
QString withoutMnemonic(const QString &text)
{
    QString shown;
    shown.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) == QLatin1Char('&')) {
            if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('&'))
                shown += text.at(++i);
            continue;
        }
        shown += text.at(i);
    }
    return shown;
}

int textWidth(const QFontMetrics &metrics, const QString &text)
{
    int widest = 0;
    for (const QString &line : text.split(QLatin1Char('\n')))
        widest = std::max(widest, metrics.horizontalAdvance(line));
    return widest;
}

QString nameOf(const QWidget *widget)
{
    const QString name = widget->objectName();
    const QString type = QString::fromLatin1(widget->metaObject()->className());
    return name.isEmpty() || name.startsWith(QLatin1String("qt_")) ? type : type + QLatin1Char('#') + name;
}

bool isProjectClass(const QWidget *widget)
{
    return !QByteArray(widget->metaObject()->className()).startsWith('Q');
}

} // namespace

QList<ClippedText> ClipInspector::inspect(QWidget *window)
{
    QList<ClippedText> found;
    ClipInspector inspector(&found);
    inspector.window(window);
    inspector.inspectWidget(window);
    return found;
}

QString ClipInspector::describe(const QWidget *widget)
{
    QStringList path{nameOf(widget)};
    bool named = !widget->objectName().isEmpty() && !widget->objectName().startsWith(QLatin1String("qt_"));
    for (const QWidget *up = widget->parentWidget(); up && !isProjectClass(widget); up = up->parentWidget()) {
        const bool hasName = !up->objectName().isEmpty() && !up->objectName().startsWith(QLatin1String("qt_"));
        if (isProjectClass(up)) {
            path.prepend(nameOf(up));
            break;
        }
        if (!named && hasName) {
            path.prepend(nameOf(up));
            named = true;
        }
        if (up->isWindow())
            break;
    }
    return path.join(QStringLiteral(" > "));
}

void ClipInspector::report(const QWidget *widget, const QString &text, const QString &problem)
{
    m_found->append({describe(widget), text, problem});
}

void ClipInspector::lacks(const QWidget *widget, const QString &text, int needed, int available)
{
    if (needed > available)
        report(widget, text, QStringLiteral("needs %1 px, has %2").arg(needed).arg(available));
}

bool ClipInspector::inspectWidget(QWidget *widget)
{
    if (!widget->isVisible() || widget->width() <= 0 || widget->height() <= 0)
        return false;
    if (auto *l = qobject_cast<QLabel *>(widget))
        label(l);
    else if (auto *b = qobject_cast<QAbstractButton *>(widget))
        button(b);
    else if (auto *e = qobject_cast<QLineEdit *>(widget))
        lineEdit(e);
    else if (auto *c = qobject_cast<QComboBox *>(widget))
        comboBox(c);
    else if (auto *t = qobject_cast<QTabBar *>(widget))
        tabBar(t);
    else if (auto *h = qobject_cast<QHeaderView *>(widget))
        header(h);
    else if (auto *v = qobject_cast<QAbstractItemView *>(widget))
        columnsInView(v);
    else if (auto *s = qobject_cast<QStatusBar *>(widget))
        statusBar(s);
    else if (auto *g = qobject_cast<QGroupBox *>(widget)) {
        if (g->minimumSizeHint().width() > g->width())
            report(g, g->title(),
                   QStringLiteral("squeezed: needs %1 px, has %2").arg(g->minimumSizeHint().width()).arg(g->width()));
    } else if (auto *bar = qobject_cast<QToolBar *>(widget)) {
        const auto *more = bar->findChild<QWidget *>(QStringLiteral("qt_toolbar_ext_button"));
        if (more && more->isVisible())
            report(bar, bar->windowTitle(), QStringLiteral("buttons hidden behind the toolbar's extension button"));
    }
    bool squeezedInside = false;
    const QList<QWidget *> children = widget->findChildren<QWidget *>(Qt::FindDirectChildrenOnly);
    for (QWidget *child : children) {
        if (!child->isWindow())
            squeezedInside = inspectWidget(child) || squeezedInside;
    }
    // Given less room than its layout needs, a widget squeezes its children below their own
    // minimum: named once, at the innermost such widget, where the room is missing.
    const QSize needed = widget->layout() ? widget->layout()->minimumSize() : QSize();
    const bool squeezed = needed.width() > widget->width() || needed.height() > widget->height();
    if (squeezed && !squeezedInside)
        report(widget, QString(),
               QStringLiteral("squeezed: its layout needs %1 x %2 px, it has %3 x %4")
                   .arg(needed.width())
                   .arg(needed.height())
                   .arg(widget->width())
                   .arg(widget->height()));
    return squeezed || squeezedInside;
}

void ClipInspector::label(QLabel *label)
{
    if (label->text().isEmpty() || !label->pixmap().isNull() || label->movie())
        return;
    const bool rich = label->textFormat() == Qt::RichText
        || (label->textFormat() == Qt::AutoText && Qt::mightBeRichText(label->text()));
    QString shown = rich ? QTextDocumentFragment::fromHtml(label->text()).toPlainText() : label->text();
    if (label->buddy())
        shown = withoutMnemonic(shown);
    if (!label->wordWrap()) {
        const QSize hint = label->sizeHint();
        lacks(label, shown, hint.width(), label->width());
        if (hint.height() > label->height())
            report(label, shown,
                   QStringLiteral("needs %1 px of height, has %2").arg(hint.height()).arg(label->height()));
    } else {
        // A wrapped label is cut when its longest word does not fit, or its lines do not.
        lacks(label, shown, label->minimumSizeHint().width(), label->width());
        const int height = label->heightForWidth(label->width());
        if (height > label->height())
            report(label, shown, QStringLiteral("needs %1 px of height, has %2").arg(height).arg(label->height()));
    }
    cutByAncestor(label, shown);
}

void ClipInspector::button(QAbstractButton *button)
{
    const QString text = withoutMnemonic(button->text());
    if (text.isEmpty())
        return;
    QStyle *style = button->style();
    int needed = textWidth(button->fontMetrics(), text);
    if (!button->icon().isNull())
        needed += button->iconSize().width() + 4;
    int available = 0;
    QStyleOptionButton option;
    option.initFrom(button);
    option.text = button->text();
    option.icon = button->icon();
    option.iconSize = button->iconSize();
    if (auto *push = qobject_cast<QPushButton *>(button)) {
        if (push->autoDefault())
            option.features |= QStyleOptionButton::AutoDefaultButton;
        if (push->isDefault())
            option.features |= QStyleOptionButton::DefaultButton;
        if (push->isFlat())
            option.features |= QStyleOptionButton::Flat;
        if (push->menu()) {
            option.features |= QStyleOptionButton::HasMenu;
            needed += style->pixelMetric(QStyle::PM_MenuButtonIndicator, &option, push);
        }
        available = style->subElementRect(QStyle::SE_PushButtonContents, &option, push).width();
    } else if (qobject_cast<QCheckBox *>(button)) {
        available = style->subElementRect(QStyle::SE_CheckBoxContents, &option, button).width();
    } else if (qobject_cast<QRadioButton *>(button)) {
        available = style->subElementRect(QStyle::SE_RadioButtonContents, &option, button).width();
    } else if (auto *tool = qobject_cast<QToolButton *>(button)) {
        auto toolStyle = tool->toolButtonStyle();
        if (toolStyle == Qt::ToolButtonFollowStyle)
            toolStyle = static_cast<Qt::ToolButtonStyle>(style->styleHint(QStyle::SH_ToolButtonStyle, nullptr, tool));
        if (toolStyle == Qt::ToolButtonIconOnly)
            return;
        if (toolStyle != Qt::ToolButtonTextBesideIcon)
            needed = textWidth(tool->fontMetrics(), text);
        available = tool->width() - 2 * style->pixelMetric(QStyle::PM_DefaultFrameWidth, nullptr, tool);
        if (tool->menu() || tool->popupMode() == QToolButton::MenuButtonPopup)
            available -= style->pixelMetric(QStyle::PM_MenuButtonIndicator, nullptr, tool);
    } else {
        return;
    }
    lacks(button, text, needed, available);
    cutByAncestor(button, text);
}

void ClipInspector::lineEdit(QLineEdit *edit)
{
    const bool empty = edit->text().isEmpty();
    const QString shown
        = empty ? edit->placeholderText() : (edit->echoMode() == QLineEdit::Normal ? edit->text() : QString());
    if (shown.isEmpty())
        return;
    // QLineEdit's size hint is room for seventeen x's plus its frame, margins and icons.
    const QFontMetrics metrics = edit->fontMetrics();
    const int chrome = edit->sizeHint().width() - metrics.horizontalAdvance(QLatin1Char('x')) * 17;
    const int needed = metrics.horizontalAdvance(shown);
    const int available = edit->width() - chrome;
    if (needed > available)
        report(edit, shown,
               QStringLiteral("%1 needs %2 px, has %3")
                   .arg(empty ? QStringLiteral("placeholder") : QStringLiteral("text"))
                   .arg(needed)
                   .arg(available));
}

void ClipInspector::comboBox(QComboBox *combo)
{
    const QString text = combo->currentText();
    if (combo->isEditable() || text.isEmpty())
        return; // an editable box's text is its line edit's
    QStyleOptionComboBox option;
    option.initFrom(combo);
    option.editable = false;
    option.frame = combo->hasFrame();
    option.currentText = text;
    option.currentIcon = combo->itemIcon(combo->currentIndex());
    option.iconSize = combo->iconSize();
    option.subControls = QStyle::SC_All;
    const QRect field
        = combo->style()->subControlRect(QStyle::CC_ComboBox, &option, QStyle::SC_ComboBoxEditField, combo);
    int needed = combo->fontMetrics().horizontalAdvance(text);
    if (!option.currentIcon.isNull())
        needed += option.iconSize.width() + 4;
    lacks(combo, text, needed, field.width());
}

void ClipInspector::tabBar(QTabBar *bar)
{
    QStringList titles;
    for (int i = 0; i < bar->count(); ++i) {
        const QString text = withoutMnemonic(bar->tabText(i));
        titles << text;
        if (!bar->isTabVisible(i) || text.isEmpty())
            continue;
        QStyleOptionTab option;
        option.initFrom(bar);
        option.rect = bar->tabRect(i);
        option.text = bar->tabText(i);
        option.shape = bar->shape();
        option.documentMode = bar->documentMode();
        option.icon = bar->tabIcon(i);
        option.iconSize = bar->iconSize();
        if (const QWidget *left = bar->tabButton(i, QTabBar::LeftSide))
            option.leftButtonSize = left->size();
        if (const QWidget *right = bar->tabButton(i, QTabBar::RightSide))
            option.rightButtonSize = right->size();
        const QRect textRect = bar->style()->subElementRect(QStyle::SE_TabBarTabText, &option, bar);
        const int needed = bar->fontMetrics().horizontalAdvance(text);
        if (needed > textRect.width())
            report(bar, text, QStringLiteral("tab title needs %1 px, has %2").arg(needed).arg(textRect.width()));
    }
    const QList<QToolButton *> scrollers = bar->findChildren<QToolButton *>(Qt::FindDirectChildrenOnly);
    for (const QToolButton *scroller : scrollers) {
        if (scroller->isVisible()) {
            report(bar, titles.join(QStringLiteral(", ")), QStringLiteral("the tabs do not fit: scroll arrows shown"));
            return;
        }
    }
}

void ClipInspector::header(QHeaderView *header)
{
    const QAbstractItemModel *model = header->model();
    if (header->orientation() != Qt::Horizontal || !model)
        return;
    QStyle *style = header->style();
    for (int logical = 0; logical < header->count(); ++logical) {
        const QString text = model->headerData(logical, Qt::Horizontal).toString();
        if (header->isSectionHidden(logical) || header->sectionSize(logical) <= 0 || text.isEmpty())
            continue;
        QStyleOptionHeader option;
        option.initFrom(header);
        option.state |= QStyle::State_Horizontal;
        option.rect = QRect(0, 0, header->sectionSize(logical), header->height());
        option.section = logical;
        option.text = text;
        option.orientation = Qt::Horizontal;
        option.textAlignment = header->defaultAlignment();
        if (header->isSortIndicatorShown() && header->sortIndicatorSection() == logical)
            option.sortIndicator = header->sortIndicatorOrder() == Qt::AscendingOrder ? QStyleOptionHeader::SortDown
                                                                                      : QStyleOptionHeader::SortUp;
        int available = style->subElementRect(QStyle::SE_HeaderLabel, &option, header).width();
        if (!model->headerData(logical, Qt::Horizontal, Qt::DecorationRole).isNull())
            available -= style->pixelMetric(QStyle::PM_SmallIconSize, nullptr, header)
                + style->pixelMetric(QStyle::PM_HeaderMargin, nullptr, header);
        // The header elides by its own font, also where the style then draws the section bold.
        QFont font = header->font();
        if (const QVariant role = model->headerData(logical, Qt::Horizontal, Qt::FontRole); role.canConvert<QFont>())
            font = role.value<QFont>().resolve(font);
        const int needed = textWidth(QFontMetrics(font), text);
        if (needed > available)
            report(header, text, QStringLiteral("column header needs %1 px, has %2").arg(needed).arg(available));
    }
}

void ClipInspector::columnsInView(QAbstractItemView *view)
{
    QHeaderView *header = nullptr;
    if (auto *table = qobject_cast<QTableView *>(view))
        header = table->horizontalHeader();
    else if (auto *tree = qobject_cast<QTreeView *>(view))
        header = tree->header();
    if (!header || header->isHidden() || !header->model())
        return;
    cells(view, header);
    const int visibleWidth = view->viewport()->width();
    if (header->length() <= visibleWidth)
        return;
    QStringList behind;
    for (int visual = 0; visual < header->count(); ++visual) {
        const int logical = header->logicalIndex(visual);
        if (!header->isSectionHidden(logical)
            && header->sectionPosition(logical) + header->sectionSize(logical) > visibleWidth)
            behind << header->model()->headerData(logical, Qt::Horizontal).toString();
    }
    report(view, behind.join(QStringLiteral(", ")),
           QStringLiteral("columns behind a horizontal scroll bar: they need %1 px, the view has %2")
               .arg(header->length())
               .arg(visibleWidth));
}

void ClipInspector::cells(QAbstractItemView *view, const QHeaderView *header)
{
    // A cell's text is read whole: a name, an email, a time, a number. Only a column of long free
    // text (FreeTextColumns) may end in an ellipsis, its tooltip has it all. Each column is named
    // once, at its first cut cell.
    const QAbstractItemModel *model = view->model();
    const int firstRow = view->indexAt(QPoint(0, 0)).row();
    if (!model || firstRow < 0)
        return;
    QStyleOptionViewItem option;
    option.initFrom(view);
    option.widget = view;
    QList<int> columns;
    for (int column = 0; column < model->columnCount(view->rootIndex()); ++column) {
        if (!header->isSectionHidden(column) && header->sectionSize(column) > 0
            && !FreeTextColumns::isFreeText(model, column))
            columns << column;
    }
    for (int row = firstRow; row < model->rowCount(view->rootIndex()) && !columns.isEmpty(); ++row) {
        const QModelIndex first = model->index(row, 0, view->rootIndex());
        if (view->visualRect(first).top() > view->viewport()->height())
            break;
        for (auto column = columns.begin(); column != columns.end();) {
            const QModelIndex index = first.siblingAtColumn(*column);
            const QString text = index.data().toString();
            const int needed = view->itemDelegateForIndex(index)->sizeHint(option, index).width();
            if (text.isEmpty() || needed <= header->sectionSize(*column)) {
                ++column;
                continue;
            }
            const bool number = index.data(Qt::TextAlignmentRole).value<Qt::Alignment>() & Qt::AlignRight;
            report(view, text,
                   QStringLiteral("%1 in column \"%2\" needs %3 px, has %4")
                       .arg(number ? QStringLiteral("number") : QStringLiteral("text"),
                            model->headerData(*column, Qt::Horizontal).toString())
                       .arg(needed)
                       .arg(header->sectionSize(*column)));
            column = columns.erase(column);
        }
    }
}

void ClipInspector::statusBar(QStatusBar *bar)
{
    const QString message = bar->currentMessage();
    if (message.isEmpty())
        return;
    // Where QStatusBar draws its message: from the left to the first permanent widget.
    int right = bar->width() - 12;
    const QList<QWidget *> children = bar->findChildren<QWidget *>(Qt::FindDirectChildrenOnly);
    for (const QWidget *child : children) {
        if (child->isVisible() && !qobject_cast<const QSizeGrip *>(child))
            right = std::min(right, child->x() - 2);
    }
    const int needed = bar->fontMetrics().horizontalAdvance(message);
    if (needed > right - 6)
        report(bar, message, QStringLiteral("status message needs %1 px, has %2").arg(needed).arg(right - 6));
}

void ClipInspector::window(QWidget *window)
{
    const QRect screen = window->screen()->availableGeometry();
    if (window->width() > screen.width() || window->height() > screen.height())
        report(window, window->windowTitle(),
               QStringLiteral("the window (%1 x %2) is larger than the screen (%3 x %4)")
                   .arg(window->width())
                   .arg(window->height())
                   .arg(screen.width())
                   .arg(screen.height()));
}

void ClipInspector::cutByAncestor(QWidget *widget, const QString &text)
{
    QRect visible = widget->rect();
    for (QWidget *child = widget; !child->isWindow(); child = child->parentWidget()) {
        QWidget *parent = child->parentWidget();
        // Content of a scroll area is reached by scrolling: not cut.
        if (auto *area = qobject_cast<QAbstractScrollArea *>(parent->parentWidget());
            area && area->viewport() == parent)
            return;
        visible = visible.translated(child->pos()) & parent->rect();
        // A window wider than the screen: what lies beyond its edge is not seen either.
        if (parent->isWindow())
            visible &= QRect(parent->mapFromGlobal(parent->screen()->availableGeometry().topLeft()),
                             parent->screen()->availableGeometry().size());
        if (visible.size() != widget->size()) {
            report(widget, text,
                   QStringLiteral("cut at the edge of %1: %2 of %3 px shown")
                       .arg(parent->isWindow() ? QStringLiteral("the window or screen") : describe(parent))
                       .arg(visible.width())
                       .arg(widget->width()));
            return;
        }
    }
}
