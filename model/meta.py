"""The reporting body and the report's year, read from the places reports name
them: the title, the preamble ("现公布玉林市住房和城乡建设局2021年政府信息公开工作
年度报告", "由上望街道办事处编制的2013年度…"), the page's 发布机构 field, the
opening of the overview ("2025年，重庆市渝中区人民政府办公室坚持…"), the contact
the preamble gives ("请与瑞安市政府信息公开办公室联系": that office's body), the
signature and date at the end, and the statistics period ("数据统计期限为2022年
1月1日至…"). The places are tried in that order; a name is kept only when it ends
like a government body, so page furniture ("字体大小", "背景色") never is one. Where the
text as it is names no body, it is read again with a PDF's line wraps joined; where still
none, the body is the place the report calls itself ("我镇") as its text names it
("将玉峰镇人民政府预算…"), or none.

A name is then written in full the way the report itself writes it elsewhere: a
short form a later place names in full ("区政府办公室" beside "西安市雁塔区人民政府
办公室", or the "以下简称" it abbreviates), 政府 of a place as 人民政府 ("武汉市硚口区
政府"), and a place alone as its government ("唐村镇2010年政府信息公开工作年度报告":
唐村镇人民政府; a 街道: its 办事处).
"""
from __future__ import annotations

import re
from collections import Counter

from model.lines import compact, unwrapped
from model.normalise import fold, label_view, unannotated
from model.taxonomy import body_names

_YEAR = r"((?:19|20)\d{2})"
_Y = _YEAR.replace("(", "(?P<y>", 1)
# "2012年度本级政府(机关)信息公开…", "2009年度本机关信息公开…": the body speaking of itself.
_SELF = r"(?:本机关|本单位|本部门|本级政府|我[局委办厅区县市镇乡])?\s*(?:[(（]机关[)）])?"
_REPORT = r"\s*年度?\s*(?:的)?\s*" + _SELF + r"\s*(?:政府|政务)?\s*信息\s*(?:工作)?\s*(?:开展)?\s*(?:公开)?\s*(?:工作)?\s*(?:开展)?\s*(?:年度)?\s*(?:工作)?\s*(?:情况)?\s*(?:报告|年报)"
_REPORT_PLAIN = r"\s*年度?\s*(?:的)?\s*" + _SELF + r"\s*(?:政府|政务)?\s*信息\s*(?:工作)?\s*(?:开展)?\s*公开"
_NAME = r"[^\s0-9，。；：:,;、“”\"<>|#*《》【】()（）的]"
# A name starts with its own words, not the report's ("度" of 年度, "我"/"本" of 我局/本机关, "在" of 在…指导下).
_START = r"(?![度我本各该全在])"
BODY = re.compile(r"(?:人民政府|政府|局|委员会|委|办公室|办|厅|中心|院|署|管委会|所|站|队|办事处|研究室|联合社|联社|镇|乡|街道|苏木|"
                  r"(?<=..)[市县区旗])$")
# A place alone (the title of a 全市 report, a township's), and the 政府 of a place.
_PLACE = re.compile(r"(?<=.)(?:省|自治区|市|县|区|旗|镇|乡|苏木|街道)$")
_ZONE = re.compile(r"(?:开发区|高新区|新区|实验区|试验区|园区|示范区|保税区|自贸区)$")
# What a fuller name may add before a short one: places ("紫金县", "西安市雁塔" before 区…).
_PREFIX = re.compile(r"^(?:[^无的和及在由是]{1,7}?(?:省|自治区|市|州|盟|地区|县|区|旗|镇|乡))*[^无的和及在由是]{0,4}$")
# "北京市东城区人民政府东华门街道办事处": the 办事处 of the 区 is named without the 区's 人民政府.
INNER_GOVERNMENT = re.compile(r"(?<=[区县市旗])人民政府(?=\S{2,8}(?:街道办事处|镇人民政府|乡人民政府)$)")
_PLACE_GOVERNMENT = re.compile(r"(?<=[省市县区旗镇乡])政府")
# The office that answers for a body's disclosure work is the body's ("瑞安市政府信息公开办公室",
# "平度市政府办公室政府信息公开领导小组办公室", "莆田市发展和改革委员会办公室", "临沂市公路事业发展中心办公室", "鸿山镇党政办";
# a township government's 办公室 is its own office, not a body; a 科 of a body's, "…办公室数字信息科", is the body's).
_DISCLOSURE_OFFICE = re.compile(r"(?:(?:(?<!人民)政府|政务)?信息公开|政务公开)(?:工作)?(?:领导小组|协调)?(?:办公室|办)$|"
                                r"(?<=[委会局厅心])办公室$|(?<=[镇乡]人民政府)办公室$|(?<=[镇乡])单位办公室$|党政(?:综合)?(?:办公室|办|科)$|综合科$|"
                                r"(?<=[室局委会厅])[\u4e00-\u9fff]{2,8}?[科股]$")

# What a body does as the subject of the opening ("…县统计局认真贯彻落实《条例》").
_ACTS = "坚持|坚决|认真|深入|紧紧|全面|围绕|按照|根据|严格|始终|进一步|积极|高度|以|持续|继续|扎实|不断|聚焦|切实|着力|大力"
# Places that name the body, best first; group "a" is the agency, "y" the year; group "office" is
# the office that compiles the report or answers for it, whose body is the agency.
_PLACES = [re.compile(p) for p in (
    rf"(?:^|[\s>|《：:])(?P<a>{_START}{_NAME}{{2,40}}?)\s*(?:关于)?\s*{_Y}{_REPORT}",
    # "西安市阎良区机关事务服务中心\n政府信息公开工作2021年度报告": the year after the words.
    rf"(?:^|\s)\s*(?P<a>{_START}{_NAME}{{3,40}}?)\s*(?:政府|政务)?信息公开(?:工作)?\s*{_Y}\s*年度?\s*(?:报告|年报)",
    rf"(?:现(?:予以)?(?:公布|发布|印发|公开)|现将|特向社会公布|向社会公布|编写|编制(?:完成)?了?(?!并)|全面总结)\s*《?\s*"
    rf"(?P<a>{_START}{_NAME}{{2,40}}?)\s*(?:{_Y}{_REPORT_PLAIN}|(?:政府|政务)?信息公开(?:工作)?\s*{_YEAR}\s*年度?\s*(?:报告|年报))",
    # A government's office compiling the reports of all its parts ("由城中区人民政府办公室综合区政府各镇办、
    # 各部门的工作情况编制而成") writes the government's report.
    rf"由\s*(?P<a>{_NAME}{{2,30}}?(?:人民政府|政府))办公室[^。]{{0,12}}综合[^。]{{0,12}}各",
    # Greedy: "由北京市东城区人民政府东华门街道办事处编制" is the 办事处's, not the 人民政府's.
    rf"由\s*(?P<office>{_NAME}{{2,30}}(?:人民政府|委员会|委(?!会)|管委会|办事处|局|办公室|联社|镇|乡|街道))(?:\S{{0,8}}编[制写]|根据|依据|负责解释)",
    rf"(?:^|[\s，。；,;])(?P<office>{_START}{_NAME}{{2,30}}?(?:人民政府|委员会|办事处|局))\s*(?:编制|制作)",
    rf"{_Y}\s*年度?\s*(?P<a>{_START}{_NAME}{{1,30}}?(?:人民政府|政府|局|委员会|委|办公室|办事处|厅|[镇乡]|街道))"
    r"(?:政府|政务)?信息公开(?:工作)?\s*(?:年度)?\s*(?:工作)?\s*(?:报告|情况)",
    # A title broken over lines ("两家子满族乡2013年度政府信息公开\n年 度 报 告").
    rf"(?:^|\n)\s*(?P<a>{_START}{_NAME}{{2,30}}?)\s*{_Y}{_REPORT_PLAIN}",
    # A body's office publishing for it ("发布机构: | 县卫健局办公室") publishes the body's report.
    rf"(?:发布机构|发文机关|发布单位|发布部门|公开主体)[\s|:：]*(?P<office>{_NAME}{{3,30}})",
    # ... also run into its heading ("一、总体情况2022年，襄州区人民政府坚持…", a flattened page).
    # A 街道's or township's Party committee beside its government ("新开河街道党工委、办事处按照…"): the government's.
    rf"(?:^|[\s。]|情况|概述)\s*{_Y}\s*年度?\s*[,，]?\s*(?P<a>{_START}{_NAME}{{3,30}}?)(?:(?:党工委|党委)[、和](?:办事处|政府))?"
    rf"(?:{_ACTS}|在|通过|依托|政府信息公开工作)",
    rf"{_Y}\s*年度?\s*(?P<a>{_START}{_NAME}{{2,30}}?(?:[省市县区旗镇乡]|街道)(?:人民)?政府)信息公开工作",
    # "根据2023年眉山市司法局信息公开工作实际编制而成": the body whose year of work the report is.
    rf"(?:根据|结合|依据)\s*{_Y}\s*年度?\s*(?P<a>{_START}{_NAME}{{2,30}}?(?:人民政府|政府|局|委员会|委|办公室|办事处|厅|中心|街道))"
    r"(?:各科室|各部门)?(?:的)?(?:政府|政务)?信息公开(?:工作)?(?:实际|情况)",
    # "2016年，在县委、县政府的正确领导下，县统计局认真贯彻落实《条例》": the body after who led it,
    # after whose requirements it followed ("按照市政务公开办…总体工作要求，抚顺市公安局以服务群众…"), or
    # since when ("自《条例》实施以来，县统计局高度重视…"); or opening the overview ("一、总体情况\n良渚街道认真贯彻…").
    rf"(?:在[^。]{{0,24}}(?:领导|指导|部署)下|(?:按照|根据|依据)[^。]{{0,60}}?(?:要求|部署)|实施以来)\s*[,，]\s*(?P<a>{_START}{_NAME}{{3,30}}?(?:人民政府|政府|局|委员会|委|办公室|办事处|厅|中心))"
    rf"(?:{_ACTS})",
    rf"(?:情况|概述)[^\S\n]*\n\s*(?P<a>{_START}{_NAME}{{2,30}}?(?:人民政府|政府|局|委员会|委|办公室|办事处|街道|[镇乡]|中心))"
    rf"(?:{_ACTS})",
    rf"(?:请|可)(?:与|咨询|联系)\s*[:：]?\s*(?P<office>{_START}{_NAME}{{3,40}}?)\s*(?:联系|[(（,，:：])",
)]
# A page's field table: "索引号 | 公开方式 | 发布机构 |" then the row of values.
_FIELD_HEADER = re.compile(r"^(.*\|.*)发布机构", re.MULTILINE)
_SIGNATURE = re.compile(r"([\u4e00-\u9fff（）()]{3,30}?(?:人民政府|政府|局|厅|委员会|委|办公室|管委会|中心|办|办事处))\s*"
                        r"(?:(?:19|20)\d{2}|二〇[一二]\S)\s*年\s*\S{1,3}\s*月")
# An attached table named after its body ("平潭综合实验区交通与建设局2017年政府信息公开情况统计表.xls").
_ATTACHMENT = re.compile(r"([\u4e00-\u9fff（）()]{3,30}?)\s*(?:19|20)\d{2}\s*年度?\s*(?:政府|政务)?信息公开"
                         r"(?:工作)?(?:情况)?(?:统计表|附表|报表)")
_SOURCE = re.compile(r"来源[:：]\s*([^\s:：|]{2,30})")
_ALIAS = re.compile(rf"(?P<full>{_NAME}{{4,40}})[(（]\s*以下简称\s*[“\"]?(?P<short>{_NAME}{{2,12}})[”\"]?\s*[)）]")
_YEARS = [re.compile(p) for p in (
    _YEAR + _REPORT,
    r"信息公开(?:工作)?\s*" + _YEAR + r"\s*年度?\s*(?:报告|年报)",  # "来凤经济开发区信息公开2018年度报告"
    r"统计(?:期限|时限|时间|期间)[^。]{0,12}?" + _YEAR + r"\s*年\s*1\s*月\s*1\s*日",
    _YEAR + r"\s*年\s*1\s*月\s*1\s*日(?:起)?\s*至\s*(?:(?:19|20)\d{2}\s*年\s*)?12\s*月\s*31\s*日",
    # "截至2012年底，本区政府信息公开工作运行正常": the state at the end of the year reported.
    r"截[至止]\s*" + _YEAR + r"\s*年\s*(?:底|末|12\s*月\s*31\s*日)",
    _YEAR + _REPORT_PLAIN,
)]
# The date of writing at the end ("二〇二二年一月二十日" folded to digits by the reader, or "2022年1月20日"):
# a report is written in the first months of the year after the one it covers.
_DATE_AT_END = re.compile(r"((?:19|20)\d{2})\s*年\s*([1-9]|1[0-2]|十[一二]?|[一二三四五六七八九])\s*月")
_CN_DIGIT = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0"}
_CN_YEAR = re.compile(r"[〇零一二三四五六七八九]{4}(?=\s*年)")
_CN_MONTH = {"十": 10, "十一": 11, "十二": 12} | {c: i for i, c in enumerate("一二三四五六七八九", 1)}
_OPENING_YEAR = re.compile(r"(?:^|[\n。]|情况|概述)[^\S\n]*((?:19|20)\d{2})\s*年度?(?![\d\s]*月)", re.MULTILINE)
_YEAR_MENTION = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=\s*年)")
_BREADCRUMB = re.compile(r"^(?:.*?(?:年报|首页|当前位置|位置|政务公开|信息公开|目录|来源|标题|标\s*题)[:：>\s]*)+")


def _cited(text: str, pos: int) -> bool:
    """`pos` lies inside a cited document's title (《…关于做好2022年度…年度报告…的通知》), not
    the report's own (现发布《临洮县新添镇2022年政府信息公开工作年度报告》)."""
    opened = text.rfind("《", 0, pos)
    if opened <= text.rfind("》", 0, pos):
        return False
    closed = text.find("》", pos)
    return bool(re.search(r"关于|通知|意见|办法|规定|方案|要点", text[opened:closed if closed > 0 else pos]))


def _clean(name: str | None) -> str | None:
    if not name:
        return None
    name = _BREADCRUMB.sub("", name).strip(" -_·:：|")
    # A signature run into the last item ("其他需要报告的事项无平潭综合实验区行政审批局").
    name = re.sub(r"^.*(?:事项|情况|报告|附件|统计表|附表)(?:无|暂无)?", "", name)
    # A notice publishing the report ("…办公室关于印发鼓楼区2022年…年度报告的通知"): the report's body.
    name = re.sub(r"^.*关于(?:印发|公布|发布|公开)", "", name)
    name = re.sub(r"^(?:特|现)?(?:予以)?向社会(?:公布|发布|公开)", "", name)
    name = re.sub(r"^(?:本|我|全|由|现将|现公布|现发布)", "", name) if not name.startswith("本溪") else name
    # A page's header naming the portal ("安顺市人民政府门户网站") names the body that runs it.
    name = re.sub(r"(?<=[府局委办厅会处心])(?:门户网站|网站|政务网|门户网)$", "", name)
    # "沙坡头区人民政府政府信息公开", "迎宾路街道政府信息公开": the 政府 of 政府信息公开 (a 街道 has no 政府).
    name = re.sub(r"(?<=人民政府|..街道|..街办)政府$", "", name)
    name = INNER_GOVERNMENT.sub("", name)
    return name if len(name) >= 3 and BODY.search(name) else None


def _written_out(short: str, text: str) -> str | None:
    """A name that does not end like a body, as the report writes it with its body elsewhere
    ("邓南街2021年度…报告" beside "邓南街道办事处")."""
    short = _BREADCRUMB.sub("", short).strip()
    if not 2 <= len(short) <= 12:
        return None
    full = re.search(re.escape(short) + r"[\u4e00-\u9fff]{0,3}?(?:办事处|人民政府|管委会|管理委员会)", text)
    if full:
        return _clean(full.group(0))
    # Tianjin's and Wuhan's 街道 call themselves X街 ("佳荣里街2021年…报告"): the 街道's 办事处.
    return short + "道办事处" if short.endswith("街") and _PREFIX.match(short[:-1]) else None


def _office_body(name: str | None) -> str | None:
    """The body whose disclosure office (or contact office) this is."""
    body = _DISCLOSURE_OFFICE.sub("", name or "")
    return _clean(body) if body != name else _clean(name)


def _in_full(name: str, text: str, fuller: list[str], alias: bool = True) -> str:
    """`name` as the report writes it in full (see the module's doc)."""
    if _PLACE.search(name) and not BODY.search(name[:-1]):
        # A development zone is run by its 管理委员会, a 街道 by its 办事处.
        governments = (["办事处"] if name.endswith("街道") else ["管理委员会", "管委会", "人民政府"]
                       if _ZONE.search(name) else ["人民政府", "管委会", "管理委员会"])
        name += next((g for g in governments if name + g in text), governments[0])
    name = _PLACE_GOVERNMENT.sub("人民政府", name) if "人民政府" not in name else name
    for short in _ALIAS.finditer(text) if alias else ():
        if name in (short.group("short"), _PLACE_GOVERNMENT.sub("人民政府", short.group("short"))):
            full = _clean(short.group("full"))
            if full:
                return _in_full(full, text, [], alias=False)
    # "区经济发展局" is 平潭综合实验区's: a short name may start with its place's last character.
    longer = [f for f in fuller if f != name and f.endswith(name) and
              (_PREFIX.match(f[:-len(name)]) or name[0] in "省市州县区旗镇乡" and _PREFIX.match(f[:1 - len(name)]))]
    return max(longer, key=len) if longer else name


def _candidates(text: str) -> list[str]:
    """Every name the places give, best place first."""
    head = text[:1500]
    found = []
    for place in _PLACES:
        group = "office" if "office" in place.groupindex else "a"
        for m in place.finditer(head):
            if _cited(head, m.start(group)):
                continue
            words = m.group(group)
            name = (_office_body(words) if group == "office" else _clean(words)) or _written_out(words, text)
            if name:
                found.append(name)
    header = _FIELD_HEADER.search(head)
    if header:
        values = head[header.end():].split("\n", 2)[1:2]
        column = header.group(1).count("|")
        cells = values[0].split("|") if values else []
        name = _office_body(cells[column].strip()) if column < len(cells) else None
        found += [name] if name else []
    found += [n for n in (_office_body(s.group(1)) for s in _SIGNATURE.finditer(text[-300:])) if n][::-1]
    found += [n for n in (_clean(s.group(1)) for s in _ATTACHMENT.finditer(text[-300:])) if n]
    found += [n for n in (_clean(s.group(1)) for s in _SOURCE.finditer(head)) if n]
    return found


def _year(text: str) -> int | None:
    head = text[:1500]
    for pattern in _YEARS:
        y = next((y for y in pattern.finditer(head) if not _cited(head, y.start())), None)
        if y:
            return int(y.group(1))
    dates = list(_DATE_AT_END.finditer(text[-200:]))
    month = dates[-1].group(2) if dates else ""
    if dates and (int(month) if month.isdigit() else _CN_MONTH[month]) <= 6:
        return int(dates[-1].group(1)) - 1
    # Else the year a sentence of the opening starts with ("2022年我局严格按照…"), not a date's.
    opening = _OPENING_YEAR.search(head)
    if opening:
        return int(opening.group(1))
    # Else the year the opening speaks of most, when one clearly does.
    years = Counter(_YEAR_MENTION.findall(text[:3000])).most_common(2)
    if years and years[0][1] >= 2 and (len(years) == 1 or years[0][1] > years[1][1]):
        return int(years[0][0])
    return None


# Where no place names the body: the place a report calls itself ("我乡", "本镇") and names once
# in its text ("2014年，南薰乡…", "将玉峰镇人民政府预算…"), after a word or mark that ends
# the words before it.
_SELF_PLACE = re.compile(r"(?:我|本)(乡|镇|街道|区|县|市|旗)")
# 本单位/本机关 are any body's words for itself; 我局/本部门 are a department's.
_SELF_BODY = re.compile(r"(?:我|本)(?:局|委|办|厅|中心|部门|院|所|站|队)")
_WORD_END = "在将由对和与及向经把从据是年度现为"


def _named_place(kind: str) -> re.Pattern:
    # The name ends at the kind where a mark, a body or a predicate follows ("南薰乡未收取").
    return re.compile(rf"(?:(?<=[^\u4e00-\u9fff])|(?<=[{_WORD_END}]))(?![{_WORD_END}])"
                      rf"(?!依托|通过|利用|借助|按照|根据|围绕|请|结合|共(?!青))((?:(?![各全本我该每])[\u4e00-\u9fff]){{2,3}}?){kind}"
                      rf"(?=人民政府|政府|办事处|党委|党工委|[^\u4e00-\u9fff]|[未共全在已均])")


def _self_named(text: str) -> str | None:
    if _SELF_BODY.search(text):
        return None  # a department ("我局") also says 我县 of the county it serves
    kinds = Counter(_SELF_PLACE.findall(text)).most_common(2)
    if not kinds or (len(kinds) > 1 and kinds[1][1] == kinds[0][1]):
        return None
    kind = kinds[0][0]
    names = Counter(m.group(1) + kind for m in _named_place(kind).finditer(text)).most_common(2)
    if not names or (len(names) > 1 and names[1][1] == names[0][1]):
        return None
    name = _in_full(names[0][0], text, [])
    # The body of a place that calls itself 我乡 is its government (a 街道's, its office).
    return name + ("办事处" if kind == "街道" else "人民政府") if name == names[0][0] else name


def agency_and_year(raw: str, view: str | None = None) -> tuple[str | None, int | None]:
    """The reporting body and the year the report covers, or None where the text does not say.
    `view`: label_view(fold(raw)), where the caller has it (Document.simplified)."""
    # The view blanks a mirror's pinyin notes ("审计    局"), which would cut a name apart.
    text = view if view is not None and "(" not in view else label_view(unannotated(fold(raw)))
    agency, year = _read(text)
    if agency is None or year is None:
        # A PDF's line wraps cut names and titles ("现公开西安市临潼区人民政府办\n\n公室2025年…"):
        # read again with them joined (not first: a page's field lines would run into its title).
        joined = _read(unwrapped(text))
        agency, year = agency or joined[0], year or joined[1]
    if agency is None or year is None:
        # Last, every wrap joined, a short line's too ("2023年…打浦桥街道办事处\n政府信息公开工\n\n作年度报告").
        text = compact(text)
        joined = _read(text)
        agency, year = agency or joined[0] or _self_named(text), year or joined[1]
    return unabbreviated(agency), year


def unabbreviated(name: str | None) -> str | None:
    """"柳州市国资委" as "柳州市人民政府国有资产监督管理委员会", "…管委会办公室" as "…管理委员会办公室": one name
    for a body across its reports (a short name that ends the name or its office's)."""
    return _SHORT_NAME.sub(lambda m: body_names()[m.group()], name) if name else name


_SHORT_NAME = re.compile(rf"(?<=.)(?:{'|'.join(body_names())})(?=$|办公室)")  # longest first


def _read(text: str) -> tuple[str | None, int | None]:
    # "二〇二一年度…报告", "二〇二二年一月二十日": the year in digits (same length).
    text = _CN_YEAR.sub(lambda m: "".join(_CN_DIGIT[c] for c in m.group()), text)
    agency = year = None
    for place in _PLACES:
        # The year of a title counts even where its name is too short to keep ("2016年某局…报告").
        m = next((m for m in place.finditer(text[:1500]) if "y" in m.groupdict() and m.group("y") and
                  BODY.search(m.group("a")) and not _cited(text, m.start("a"))), None)
        if m:
            year = int(m.group("y"))
            break
    names = _candidates(text)
    if names:
        written = [_in_full(n, text, []) for n in names]
        agency = _in_full(names[0], text, written)
    return agency, year or _year(text)
