#pragma once

#include "tests/tour/ClippedText.h"

#include <QList>

class QAbstractButton;
class QAbstractItemView;
class QComboBox;
class QHeaderView;
class QLabel;
class QLineEdit;
class QStatusBar;
class QTabBar;
class QWidget;

// Finds the texts of a window that are drawn cut off or elided: labels, buttons, check boxes,
// line edits (their placeholder or text), combo boxes, tab titles, column headers, table cells
// (but columns of long free text), the status bar's message, toolbars that hide buttons, columns behind a
// horizontal scroll bar, layouts given less room than they need, and windows larger than the
// screen. Each widget is measured the way its style draws it, so a text that fits is never
// reported; what a person reaches by scrolling a scroll area is not cut.
class ClipInspector final
{
public:
    // Everything visible in window (a main window or a dialog) and its children.
    static QList<ClippedText> inspect(QWidget *window);
    // "UsersPane > QHeaderView#usersHeader": the widget's class and name after its nearest
    // ancestor with a name of its own.
    static QString describe(const QWidget *widget);

private:
    explicit ClipInspector(QList<ClippedText> *found) : m_found(found) { }

    // Returns whether the widget or one inside it is squeezed below its layout's minimum.
    bool inspectWidget(QWidget *widget);
    void label(QLabel *label);
    void button(QAbstractButton *button);
    void lineEdit(QLineEdit *edit);
    void comboBox(QComboBox *combo);
    void tabBar(QTabBar *bar);
    void header(QHeaderView *header);
    void columnsInView(QAbstractItemView *view);
    void cells(QAbstractItemView *view, const QHeaderView *header);
    void statusBar(QStatusBar *bar);
    void window(QWidget *window);
    void cutByAncestor(QWidget *widget, const QString &text);
    void report(const QWidget *widget, const QString &text, const QString &problem);
    void lacks(const QWidget *widget, const QString &text, int needed, int available);

    QList<ClippedText> *m_found;
};
